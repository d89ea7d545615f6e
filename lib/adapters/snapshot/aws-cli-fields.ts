import * as z from 'zod';
import type { Tags } from '../../domain/model/account-view.js';
import { parsePolicyDocument } from '../../domain/policy/document.js';
import { PolicyDocumentError } from '../../domain/policy/errors.js';

/**
 * Zod pieces shared by the AWS CLI output schemas. Objects are loose (`z.looseObject`): AWS adds fields over time,
 * and unknown fields must not break a snapshot.
 */

/** AWS `Tags: [{Key, Value}]` (EC2 and IAM) as a plain record; missing or empty becomes `{}`. */
export const awsTagsSchema = z
  .array(z.looseObject({ Key: z.string(), Value: z.string().optional() }))
  .optional()
  .transform((tags): Tags => Object.fromEntries((tags ?? []).map((tag) => [tag.Key, tag.Value ?? ''])));

/**
 * An IAM policy document: an object (AWS CLI), a URL-encoded JSON string (IAM API) or a plain JSON string.
 * A document that cannot be used becomes an issue at the document's own path.
 */
export const policyDocumentSchema = z.unknown().transform((value, ctx) => {
  try {
    return parsePolicyDocument(value, 'policy document');
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.reason });
    return z.NEVER;
  }
});

/** An optional id where AWS sometimes prints `""` (e.g. on terminated instances): empty becomes undefined. */
export const optionalIdSchema = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

/** Keeps the first item of each key, in order (pages saved twice, or overlapping pages, do not double resources). */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Copies `value` under `key` only when it is defined, so views carry no `key: undefined` noise. */
export function definedOnly<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
