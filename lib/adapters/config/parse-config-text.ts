import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from '../../app/errors.js';
import { JsonTextError, parseJsonText } from '../input-files/parse-json-text.js';

/**
 * Parses config text: JSON when the file name ends in `.json`, otherwise YAML (a superset of JSON). YAML duplicate
 * keys are errors.
 *
 * @throws ConfigError naming the file and the line (and column) of a syntax error
 */
export function parseConfigText(text: string, file: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return extname(file).toLowerCase() === '.json' ? parseJson(body, file) : parseYaml(body, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    return parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    throw new ConfigError(`${file}: ${error.reason}`, file, undefined, { cause: error });
  }
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
  return document.toJS();
}
