import type { PolicyDocument } from '../model/account-view.js';
import { PolicyDocumentError } from './errors.js';

/** At least one RFC 3986 percent-escape, e.g. `%7B`. */
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/**
 * Turns a policy document as AWS hands it out into a {@link PolicyDocument}.
 *
 * Accepts
 * - an object (what the AWS CLI prints: botocore decodes documents for you),
 * - a URL-encoded JSON string (what the IAM API and the JS SDK return; RFC 3986, decoded with
 *   `decodeURIComponent`, so `+` stays a literal `+` exactly as botocore's `unquote` does),
 * - a plain JSON string (what people paste).
 *
 * The result is an object whose `Statement` is an object or an array of objects, and whose `Version`, when
 * present, is a string. Statement contents (Effect, Action, ...) are left to the evaluator.
 *
 * @param input the raw document
 * @param where where it came from, used as the prefix of the error message
 * @throws PolicyDocumentError when the input is not a usable policy document
 */
export function parsePolicyDocument(input: unknown, where: string): PolicyDocument {
  const value = typeof input === 'string' ? decodeDocumentText(input, where) : input;
  return validateDocument(value, where);
}

function decodeDocumentText(text: string, where: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') throw new PolicyDocumentError(where, 'expected a policy document, got an empty string');
  if (trimmed.startsWith('{')) return parseJson(trimmed, where, 'not valid JSON');
  if (!PERCENT_ESCAPE.test(trimmed)) {
    throw new PolicyDocumentError(
      where,
      `expected a policy document (a JSON object or a URL-encoded JSON string), got the text ${preview(trimmed)}`,
    );
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(trimmed);
  } catch (error) {
    throw new PolicyDocumentError(where, 'malformed URL encoding (a % not followed by two hex digits)', { cause: error });
  }
  return parseJson(decoded, where, 'not valid JSON after URL-decoding');
}

function parseJson(text: string, where: string, problem: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PolicyDocumentError(where, `${problem} (${(error as Error).message})`, { cause: error });
  }
}

function validateDocument(value: unknown, where: string): PolicyDocument {
  if (!isPlainObject(value)) {
    throw new PolicyDocumentError(where, `expected a policy document (a JSON object), got ${describe(value)}`);
  }
  if ('Version' in value && typeof value.Version !== 'string') {
    throw new PolicyDocumentError(where, `Version: expected a string like "2012-10-17", got ${describe(value.Version)}`);
  }
  const statement = value.Statement;
  if (statement === undefined) {
    throw new PolicyDocumentError(where, 'Statement: missing (a policy document needs a Statement)');
  }
  if (Array.isArray(statement)) {
    statement.forEach((entry, index) => {
      if (!isPlainObject(entry)) {
        throw new PolicyDocumentError(where, `Statement[${index}]: expected an object, got ${describe(entry)}`);
      }
    });
  } else if (!isPlainObject(statement)) {
    throw new PolicyDocumentError(where, `Statement: expected an object or an array of objects, got ${describe(statement)}`);
  }
  return value as PolicyDocument;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${preview(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'undefined' ? 'nothing' : `the ${typeof value} ${String(value)}`}`;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}
