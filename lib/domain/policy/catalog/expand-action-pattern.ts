import { compileWildcard, hasWildcard } from '../evaluator/wildcard.js';
import { catalog, serviceOf } from './action-catalog.js';
import { isAuditedService } from './audited-services.js';

/** Result of expanding one action pattern against the catalogue. */
export interface ExpandedPattern {
  /** Canonical catalogue actions the pattern stands for (the pattern itself, canonicalised, when literal). */
  actions: string[];
  /** true when the pattern has a wildcard in a service the catalogue does not cover, so it cannot be listed. */
  unresolved: boolean;
}

/**
 * Expands an action pattern (`ec2:Describe*`, `*`, `ec2:DescribeInstances`) to catalogue actions of the audited
 * services, case-insensitively, as IAM matches actions. A literal action is returned canonicalised (or as
 * written when outside the catalogue).
 */
export function expandActionPattern(pattern: string): ExpandedPattern {
  if (!hasWildcard(pattern)) return { actions: [catalog.canonicalAction(pattern) ?? pattern], unresolved: false };
  const matcher = compileWildcard(pattern, true);
  const service = serviceOf(pattern);
  const serviceIsWild = hasWildcard(service) || !pattern.includes(':');
  const pool = serviceIsWild ? catalog.allActions() : catalog.actions(service);
  return {
    actions: pool.filter((a) => matcher.test(a)),
    unresolved: serviceIsWild || !isAuditedService(service),
  };
}
