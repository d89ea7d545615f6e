import type { z } from 'zod';
import { describeValue, expectedTypeText, formatJsonPath, valueAtPath } from '../input-files/json-path.js';
import { closestMatch } from './did-you-mean.js';
import { allowedKeysAt } from './schema-keys.js';

/** zod's own English messages; anything else was written in the schema for users and is shown as is. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

/** A config problem, one per line item of the error message. */
export interface ConfigProblem {
  /** `clusters[0].roles.worker`, or `""` for the whole document. */
  path: string;
  text: string;
}

/**
 * Turns zod issues of the config schema into user-facing problems: the path as users write it, what was expected
 * and what was found, "did you mean" hints for unknown keys (against the keys the schema allows at that path) and
 * for enum values.
 *
 * @param root the parsed document the issues are about (to show what was found)
 * @param origins extra words per formatted path, e.g. `(from environment variable ALERT_TOPIC_ARN)`
 */
export function configProblems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  schema: z.ZodType,
  origins: Readonly<Record<string, string>> = {},
): ConfigProblem[] {
  // Unknown keys first: a misspelt key usually explains a "missing" problem reported beside it.
  const unknownKeys = issues.flatMap((issue) => (issue.code === 'unrecognized_keys' ? unknownKeyProblems(issue.keys, issue.path, schema) : []));
  const others = issues
    .filter((issue) => issue.code !== 'unrecognized_keys')
    .map((issue) => {
      const path = formatJsonPath(issue.path);
      const origin = origins[path];
      const text = issueText(issue, valueAtPath(root, issue.path));
      return { path, text: origin === undefined ? text : `${text} ${origin}` };
    });
  return [...unknownKeys, ...others];
}

function unknownKeyProblems(keys: readonly string[], objectPath: readonly PropertyKey[], schema: z.ZodType): ConfigProblem[] {
  const allowed = allowedKeysAt(schema, objectPath) ?? [];
  return keys.map((key) => {
    const match = closestMatch(key, allowed);
    const hint = match !== undefined ? `did you mean \`${match}\`?` : allowed.length > 0 ? `allowed: ${allowed.join(', ')}` : 'no keys are allowed here';
    return { path: formatJsonPath([...objectPath, key]), text: `unknown key (${hint})` };
  });
}

function issueText(issue: z.core.$ZodIssue, value: unknown): string {
  const custom = ZOD_DEFAULT_MESSAGE.test(issue.message) ? undefined : issue.message;
  const found = value === undefined ? '' : `, got ${describeValue(value)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = custom ?? `expected ${expectedTypeText(issue.expected)}`;
      return value === undefined ? `missing (${expected})` : `${expected}${found}`;
    }
    case 'invalid_value': {
      const options = issue.values.map((option) => String(option));
      const expected = custom ?? `expected one of ${options.join(', ')}`;
      const match = typeof value === 'string' ? closestMatch(value, options) : undefined;
      return `${expected}${found}${match === undefined ? '' : ` (did you mean \`${match}\`?)`}`;
    }
    case 'invalid_format':
      return `${custom ?? `expected a valid ${issue.format}`}${found}`;
    case 'too_small':
      return custom ?? sizeText('at least', issue.origin, Number(issue.minimum));
    case 'too_big':
      return custom ?? sizeText('at most', issue.origin, Number(issue.maximum));
    case 'invalid_union': {
      if (custom !== undefined) return `${custom}${found}`;
      const alternatives = [...new Set(issue.errors.flatMap((branch) => branch.filter((inner) => inner.code === 'invalid_type').map((inner) => expectedTypeText(inner.expected))))];
      return alternatives.length > 0 ? `expected ${alternatives.join(' or ')}${found}` : `${issue.message}${found}`;
    }
    default:
      return issue.message;
  }
}

function sizeText(bound: 'at least' | 'at most', origin: string, limit: number): string {
  if (origin === 'string') return bound === 'at least' && limit === 1 ? 'must not be empty' : `expected ${bound} ${limit} characters`;
  if (origin === 'array' || origin === 'set') return bound === 'at least' && limit === 1 ? 'expected at least one item' : `expected ${bound} ${limit} items`;
  return `expected a number ${bound === 'at least' ? '>=' : '<='} ${limit}`;
}
