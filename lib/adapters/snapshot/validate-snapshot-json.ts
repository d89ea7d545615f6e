import type { z } from 'zod';
import { SnapshotError } from '../../app/errors.js';
import { describeValue, expectedTypeText, formatJsonPath, valueAtPath } from '../input-files/json-path.js';
import type { SnapshotFile } from './snapshot-files.js';

/** How many problems one error message lists before "and N more". */
const MAX_LISTED_ISSUES = 5;

/**
 * Validates a snapshot file against the zod schema of its AWS CLI output shape.
 *
 * @throws SnapshotError naming the file and the JSON path of the first problems, e.g.
 *   `.../ec2-describe-instances.json: Reservations[2].Instances[0].InstanceId: expected a string, but it is missing`
 */
export function validateSnapshotJson<S extends z.ZodType>(schema: S, file: SnapshotFile, json: unknown = file.json, basePath: readonly PropertyKey[] = []): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const grouped = groupByShape(issues.map((issue) => issueText(issue, json, basePath)));
  const texts = grouped.slice(0, MAX_LISTED_ISSUES);
  if (grouped.length > MAX_LISTED_ISSUES) texts.push(`and ${grouped.length - MAX_LISTED_ISSUES} more problems`);
  const firstPath = formatJsonPath([...basePath, ...(issues[0]?.path ?? [])]);
  throw new SnapshotError(`${file.path}: ${texts.join('; ')}`, file.path, firstPath, { cause: result.error });
}

/**
 * Validates a file that holds either one response object or a JSON array of pages (one response object each, as
 * saved page by page). Each page must carry one of `pageKeys`, and at least one page must carry `requiredKey`; a file
 * that fails this gets a message naming the command whose output was expected, which catches swapped files.
 *
 * @returns the validated pages, in file order
 */
export function validatePages<S extends z.ZodType>(
  page: S,
  file: SnapshotFile,
  keys: { pageKeys: readonly string[]; requiredKey: string },
): z.output<S>[] {
  const json = file.json;
  const pages: unknown[] = Array.isArray(json) ? json : [json];
  const expected = `the output of \`${file.spec.command}\` (an object with ${keys.requiredKey})`;
  if (pages.length === 0) throw new SnapshotError(`${file.path}: expected ${expected}, got an empty array`, file.path, '');
  pages.forEach((candidate, index) => {
    const path = Array.isArray(json) ? `[${index}]` : '';
    if (!isObject(candidate) || !keys.pageKeys.some((key) => key in candidate)) {
      const prefix = path === '' ? '' : `${path}: `;
      throw new SnapshotError(`${file.path}: ${prefix}expected ${expected}, got ${describeTopLevel(candidate)}`, file.path, path);
    }
  });
  if (!pages.some((candidate) => isObject(candidate) && keys.requiredKey in candidate)) {
    throw new SnapshotError(`${file.path}: ${keys.requiredKey}: missing; expected ${expected}`, file.path, keys.requiredKey);
  }
  return pages.map((candidate, index) => validateSnapshotJson(page, file, candidate, Array.isArray(json) ? [index] : []));
}

/**
 * Folds problems that differ only in array indices into one, keeping the first path:
 * `items[0].kind: expected "Node", got "Pod" (and the same at 11 more places)`.
 */
function groupByShape(texts: readonly string[]): string[] {
  const groups = new Map<string, { first: string; count: number }>();
  for (const text of texts) {
    const shape = text.replace(/\[\d+\]/g, '[]');
    const group = groups.get(shape);
    if (group === undefined) groups.set(shape, { first: text, count: 1 });
    else group.count += 1;
  }
  return [...groups.values()].map(({ first, count }) => (count === 1 ? first : `${first} (and the same at ${count - 1} more place${count > 2 ? 's' : ''})`));
}

function issueText(issue: z.core.$ZodIssue, root: unknown, basePath: readonly PropertyKey[]): string {
  const where = formatJsonPath([...basePath, ...issue.path]);
  let what: string;
  if (issue.code === 'invalid_type') {
    const value = valueAtPath(root, issue.path);
    const expected = expectedTypeText(issue.expected);
    what = value === undefined ? `expected ${expected}, but it is missing` : `expected ${expected}, got ${describeValue(value)}`;
  } else {
    what = issue.message;
  }
  return where === '' ? what : `${where}: ${what}`;
}

function describeTopLevel(value: unknown): string {
  if (!isObject(value)) return describeValue(value);
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 4).join(', ');
  return `an object with ${shown}${keys.length > 4 ? ', ...' : ''}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
