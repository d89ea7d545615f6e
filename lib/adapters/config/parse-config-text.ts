import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../app/errors.js';
import { findDuplicateKey } from '../input-files/find-duplicate-key.js';
import { JsonTextError, parseJsonText } from '../input-files/parse-json-text.js';

/** A config is a few clusters: anything larger is a mistake or an attack, refused before parsing. */
export const MAX_CONFIG_CHARS = 1024 * 1024;
/** Alias references YAML may resolve (each counts the nodes it copies): bounds an alias bomb ("billion laughs"). */
export const MAX_YAML_ALIAS_COUNT = 100;

/**
 * Parses config text: JSON when the file name ends in `.json`, otherwise YAML (a superset of JSON). Duplicate keys
 * are errors in both; the text is limited to {@link MAX_CONFIG_CHARS} and YAML aliases to
 * {@link MAX_YAML_ALIAS_COUNT} expansions (docs/reliability.md).
 *
 * @throws ConfigError naming the file and the line (and column) of a syntax error
 */
export function parseConfigText(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length > MAX_CONFIG_CHARS) {
    throw new ConfigError(`${file}: the file is larger than 1 MiB (${body.length} characters): not a config file`, file);
  }
  return extname(file).toLowerCase() === '.json' ? parseJson(body, file) : parseYaml(body, file);
}

function parseJson(text: string, file: string): unknown {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new ConfigError(`${file}: ${error.reason}`, file, undefined, { cause: error });
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    const before = text.slice(0, duplicate.offset);
    const where = `line ${before.split('\n').length}, column ${duplicate.offset - before.lastIndexOf('\n')}`;
    throw new ConfigError(
      `${file}: ${where}: ${duplicate.path}: duplicate key ${JSON.stringify(duplicate.key)} (JSON keeps only the last one)`,
      file,
      duplicate.path,
    );
  }
  return value;
}

function parseYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = document.errors;
  if (first !== undefined) {
    const position = first.linePos?.[0];
    const where = position === undefined ? '' : `line ${position.line}, column ${position.col}: `;
    const what = first.message.replace(/\s+at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0];
    const more = document.errors.length > 1 ? ` (and ${document.errors.length - 1} more YAML errors)` : '';
    throw new ConfigError(`${file}: ${where}YAML syntax error: ${what}${more}`, file, undefined, { cause: first });
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const what = error.message.split('\n')[0] ?? '';
    throw new ConfigError(`${file}: the YAML expands too far (more than ${MAX_YAML_ALIAS_COUNT} alias references): ${what}`, file, undefined, { cause: error });
  }
}
