import { parsePolicyDocument } from '../../domain/policy/document.js';

/** The IAM fields that hold policy documents (botocore decodes these; the JS SDK leaves them URL-encoded). */
const POLICY_FIELDS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

/**
 * Turns SDK response data into what the AWS CLI v2 prints for it: `$metadata` dropped, undefined fields dropped,
 * Dates as the CLI prints timestamps (`2024-05-01T12:00:00+00:00`), and IAM policy documents decoded into objects.
 * A document that does not decode is kept as returned (the snapshot reader accepts URL-encoded strings and will
 * report it).
 */
export function toCliJson(value: unknown, key?: string): unknown {
  if (value instanceof Date) return cliTimestamp(value);
  if (Array.isArray(value)) return value.map((item) => toCliJson(item));
  if (typeof value === 'string' && key !== undefined && POLICY_FIELDS.has(key)) {
    try {
      return parsePolicyDocument(value, key);
    } catch {
      return value;
    }
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined) continue;
      out[k] = toCliJson(v, k);
    }
    return out;
  }
  return value;
}

/** A timestamp as the AWS CLI prints it: Python's `datetime.isoformat()` in UTC (microseconds only when non-zero). */
export function cliTimestamp(date: Date): string {
  const iso = date.toISOString();
  const millis = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${millis === 0 ? '' : `.${String(millis).padStart(3, '0')}000`}+00:00`;
}
