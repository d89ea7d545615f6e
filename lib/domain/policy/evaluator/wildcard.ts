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
 * `prefix*` to a prefix test, anything else to a segment matcher that never backtracks (see `globMatch`).
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
  const glob = compileGlob(norm);
  return { pattern, hasWildcard: true, test: (v) => globMatch(glob, fold(v)) };
}

/** A pattern split at its `*`s: the value must start with `head`, end with `tail`, and hold `middle` in order. */
interface Glob {
  head: string;
  middle: string[];
  /** undefined when the pattern has no `*`: then `head` must match the whole value. */
  tail: string | undefined;
}

function compileGlob(pattern: string): Glob {
  // Runs of `*` collapse into one split point (empty segments are dropped below).
  const parts = pattern.split('*');
  if (parts.length === 1) return { head: pattern, middle: [], tail: undefined };
  return { head: parts[0]!, middle: parts.slice(1, -1).filter((p) => p !== ''), tail: parts[parts.length - 1]! };
}

/** Whether `segment` (literal characters and `?`) matches `value` at `at`, character for character. */
function segmentAt(segment: string, value: string, at: number): boolean {
  if (at + segment.length > value.length) return false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== value.charCodeAt(at + i)) return false;
  }
  return true;
}

/**
 * Glob matching without backtracking: the head is anchored at the start, the tail at the end, and each middle
 * segment is taken at its leftmost position after the previous one. Leftmost is always safe because a `*` sits
 * between consecutive segments, so no earlier choice can ever need revisiting. Work is at most
 * O(value length × pattern length), and a pattern of thousands of `*?` pairs is decided in one pass.
 */
function globMatch(glob: Glob, value: string): boolean {
  if (glob.tail === undefined) return glob.head.length === value.length && segmentAt(glob.head, value, 0);
  const end = value.length - glob.tail.length;
  if (end < glob.head.length || !segmentAt(glob.head, value, 0) || !segmentAt(glob.tail, value, end)) return false;
  let pos = glob.head.length;
  for (const segment of glob.middle) {
    let found = -1;
    for (let at = pos; at + segment.length <= end; at++) {
      if (segmentAt(segment, value, at)) {
        found = at;
        break;
      }
    }
    if (found < 0) return false;
    pos = found + segment.length;
  }
  return true;
}
