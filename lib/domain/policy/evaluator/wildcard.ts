/**
 * IAM wildcard patterns: `*` matches any run of characters (including none and including `:` and `/`),
 * `?` matches exactly one character. Every other character is literal. IAM has no escape for these two.
 */

/** A compiled wildcard pattern. */
export interface WildcardMatcher {
  /** The pattern as written. */
  readonly pattern: string;
  /** true when the pattern contains `*` or `?`. */
  readonly hasWildcard: boolean;
  test(value: string): boolean;
}

/** Whether a string contains an IAM wildcard character. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Compile a wildcard pattern once. Literal patterns compile to a string comparison, `*` to a constant,
 * `prefix*` to a prefix test, anything else to an anchored RegExp.
 *
 * @param ignoreCase compare case-insensitively (IAM action names); resources and most condition values are
 *   case-sensitive.
 */
export function compileWildcard(pattern: string, ignoreCase = false): WildcardMatcher {
  const wild = hasWildcard(pattern);
  const norm = ignoreCase ? pattern.toLowerCase() : pattern;
  const fold = ignoreCase ? (v: string) => v.toLowerCase() : (v: string) => v;
  if (!wild) return { pattern, hasWildcard: false, test: (v) => fold(v) === norm };
  if (/^\*+$/.test(pattern)) return { pattern, hasWildcard: true, test: () => true };
  const firstWild = norm.search(/[*?]/);
  if (firstWild === norm.length - 1 && norm.endsWith('*')) {
    const prefix = norm.slice(0, -1);
    return { pattern, hasWildcard: true, test: (v) => fold(v).startsWith(prefix) };
  }
  const regex = wildcardToRegExp(pattern, ignoreCase);
  return { pattern, hasWildcard: true, test: (v) => regex.test(v) };
}

/** The anchored RegExp equivalent of a wildcard pattern. */
export function wildcardToRegExp(pattern: string, ignoreCase = false): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
}
