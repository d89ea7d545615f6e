import { compileWildcard, hasWildcard, type WildcardMatcher } from './wildcard.js';

/**
 * Matches a request's resource string against the patterns of one Resource / NotResource element.
 * Resource ARNs are compared case-sensitively, as AWS does, with `*` and `?` wildcards over the whole string.
 * Policy variables such as `${aws:username}` are NOT substituted: they are compared literally, so a statement
 * whose only Resource uses a variable never matches a concrete ARN (conservative for "allowed").
 * The request resource `*` (the SimulatePrincipalPolicy default) is a literal string too: only patterns that
 * match the text `*` (e.g. `*`) match it, so a statement scoped to specific ARNs does not grant `*`.
 */
export interface ResourceMatcher {
  readonly patterns: readonly string[];
  matches(resource: string): boolean;
}

/** Compile the patterns of one Resource / NotResource element. */
export function compileResourceMatcher(patterns: readonly string[]): ResourceMatcher {
  let all = false;
  const exact = new Set<string>();
  const wild: WildcardMatcher[] = [];
  for (const pattern of patterns) {
    if (/^\*+$/.test(pattern)) all = true;
    else if (!hasWildcard(pattern)) exact.add(pattern);
    else wild.push(compileWildcard(pattern));
  }
  return {
    patterns,
    matches(resource) {
      if (all || exact.has(resource)) return true;
      for (const m of wild) if (m.test(resource)) return true;
      return false;
    },
  };
}
