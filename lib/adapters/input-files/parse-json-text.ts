import { findJsonErrorOffset } from './find-json-error-offset.js';

/** JSON text that does not parse; `line`/`column` (1-based) are set when the position is known. */
export class JsonTextError extends Error {
  override readonly name = 'JsonTextError';
  constructor(
    /** What is wrong, one line, prefixed with `line L, column C: ` when the position is known. */
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

const POSITION = /\s*in JSON at position (\d+)(?:\s*\(line \d+ column \d+\))?/;
/** Node 20 says `Unexpected token 'x', ..."<snippet>"... is not valid JSON` (no position, snippet may span lines). */
const SNIPPET_SUFFIX = /,\s*(?:\.\.\.)?".*" is not valid JSON$/s;

/**
 * `JSON.parse` with an error that says where, on one line: V8's offset ("... in JSON at position 123"), or when V8
 * gives none, the offset found by a syntax scan, is turned into a line and column. An empty text and a text that
 * ends early (a truncated download or redirect) get their own plain messages.
 *
 * @throws JsonTextError
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw toJsonTextError(text, error as Error);
  }
}

function toJsonTextError(text: string, error: Error): JsonTextError {
  if (text.trim() === '') return new JsonTextError('the file is empty', undefined, undefined, { cause: error });
  const contentEnd = text.trimEnd().length;
  const v8Offset = POSITION.exec(error.message)?.[1];
  const unexpectedEnd = /unexpected end of json input/i.test(error.message);
  const offset = unexpectedEnd ? contentEnd : v8Offset !== undefined ? Number(v8Offset) : findJsonErrorOffset(text);
  const what = unexpectedEnd ? 'the JSON ends early' : v8Message(error.message);
  if (offset === undefined) return new JsonTextError(`invalid JSON: ${what}`, undefined, undefined, { cause: error });
  const atEnd = offset >= contentEnd;
  // At the end of the input, point just after the last character rather than at trailing blank lines.
  const { line, column } = lineAndColumn(text, atEnd ? contentEnd : offset);
  const truncated = atEnd ? ' (is the file truncated?)' : '';
  const prefix = unexpectedEnd ? '' : 'invalid JSON: ';
  return new JsonTextError(`line ${line}, column ${column}: ${prefix}${what}${truncated}`, line, column, { cause: error });
}

function v8Message(message: string): string {
  return message.replace(POSITION, '').replace(SNIPPET_SUFFIX, '').replace(/\s+/g, ' ').trim();
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  return { line, column: offset - lastBreak };
}
