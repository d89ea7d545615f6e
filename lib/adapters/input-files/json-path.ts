const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Formats a parse path the way users write it: `Reservations[2].Instances[0].InstanceId`,
 * `clusters[0].roles.worker`, `metadata.labels["kubernetes.io/hostname"]`. The empty path is `""`.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/** The value found by following `path` from `root`; undefined when any step is missing. */
export function valueAtPath(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** A short description of a JSON/YAML value for error messages: `"abc"` (quoted: a string), `5`, `true`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** `a string`, `an object`, ... for the `expected` field of a zod invalid_type issue. */
export function expectedTypeText(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'number':
    case 'int':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'date':
      return 'a date';
    default:
      return expected;
  }
}
