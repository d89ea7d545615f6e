import { compileWildcard, hasWildcard, type WildcardMatcher } from './wildcard.js';

/**
 * Matches lower-cased action names (`service:action`) against the patterns of one Action / NotAction
 * element. IAM compares action names case-insensitively, so both sides are lower-cased.
 * Literal names are a Set lookup, `*` is a constant, `service:*` a Set lookup on the service prefix, and
 * other wildcards are tested only against actions of their service (patterns with a wildcard in the service
 * prefix are tested against every action).
 */
export interface ActionMatcher {
  /** The patterns as written. */
  readonly patterns: readonly string[];
  /** Test a lower-cased action name and its lower-cased service prefix. */
  matches(lowerAction: string, lowerService: string): boolean;
}

/**
 * Compile the patterns of one Action / NotAction element.
 * Patterns must be `*` or contain a `:` (checked by the document compiler).
 */
export function compileActionMatcher(patterns: readonly string[]): ActionMatcher {
  let all = false;
  const exact = new Set<string>();
  const wholeServices = new Set<string>();
  const byService = new Map<string, WildcardMatcher[]>();
  const anyService: WildcardMatcher[] = [];
  for (const raw of patterns) {
    const pattern = raw.toLowerCase();
    if (/^\*+$/.test(pattern)) {
      all = true;
      continue;
    }
    if (!hasWildcard(pattern)) {
      exact.add(pattern);
      continue;
    }
    const colon = pattern.indexOf(':');
    const service = colon < 0 ? pattern : pattern.slice(0, colon);
    if (colon < 0 || hasWildcard(service)) {
      anyService.push(compileWildcard(pattern));
      continue;
    }
    const name = pattern.slice(colon + 1);
    if (/^\*+$/.test(name)) {
      wholeServices.add(service);
      continue;
    }
    const list = byService.get(service) ?? [];
    list.push(compileWildcard(pattern));
    byService.set(service, list);
  }
  return {
    patterns,
    matches(lowerAction, lowerService) {
      if (all || exact.has(lowerAction) || wholeServices.has(lowerService)) return true;
      const list = byService.get(lowerService);
      if (list !== undefined) for (const m of list) if (m.test(lowerAction)) return true;
      for (const m of anyService) if (m.test(lowerAction)) return true;
      return false;
    },
  };
}
