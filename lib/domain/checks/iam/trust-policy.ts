import type { PolicyDocument } from '../../model/account-view.js';
import { compileActionMatcher } from '../../policy/evaluator/action-matcher.js';

/** Service principals that stand for EC2 (the China partitions use the `.cn` suffix). */
export const EC2_SERVICE_PRINCIPALS = ['ec2.amazonaws.com', 'ec2.amazonaws.com.cn'] as const;

/** Where a statement sits in the trust policy, for evidence. */
export interface TrustStatementRef {
  index: number;
  sid?: string;
}

/** Outcome of asking "may this service principal call sts:AssumeRole on the role?". */
export type TrustVerdict =
  | { outcome: 'allowed'; allowedBy: TrustStatementRef[] }
  | { outcome: 'denied'; reason: 'no-allow' | 'explicit-deny'; deniedBy: TrustStatementRef[] }
  /** Only conditional statements decide it: whether EC2's request meets the conditions cannot be told. */
  | { outcome: 'undetermined'; reason: string; statements: TrustStatementRef[] }
  | { outcome: 'malformed'; reason: string };

const ASSUME_ROLE = 'sts:assumerole';

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] | undefined {
  const list = asList(value);
  return list.every((v) => typeof v === 'string') ? (list as string[]) : undefined;
}

/** Does a Principal element name the service (or everyone)? */
function principalNames(principal: unknown, services: readonly string[]): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return false;
  for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) {
    const list = strings(value) ?? [];
    if (kind === 'Service' && list.some((v) => services.includes(v.trim().toLowerCase()))) return true;
    if (kind === 'AWS' && list.some((v) => v.trim() === '*')) return true;
  }
  return false;
}

/**
 * Resource-policy style evaluation of a role's trust policy for one service principal and `sts:AssumeRole`:
 * Principal (string `*`, or Service / AWS values as string or list) or NotPrincipal, Action or NotAction (with
 * IAM wildcards, case-insensitive), Effect Allow / Deny. An explicit unconditional Deny wins; an unconditional
 * Allow grants; when only conditional statements apply the answer is `undetermined` (never reported as a pass).
 */
export function evaluateTrustPolicy(doc: PolicyDocument, services: readonly string[] = EC2_SERVICE_PRINCIPALS): TrustVerdict {
  const lowerServices = services.map((s) => s.toLowerCase());
  const raw = asList(doc.Statement);
  const allows: TrustStatementRef[] = [];
  const conditionalAllows: TrustStatementRef[] = [];
  const denies: TrustStatementRef[] = [];
  const conditionalDenies: TrustStatementRef[] = [];
  for (const [index, st] of raw.entries()) {
    if (typeof st !== 'object' || st === null || Array.isArray(st)) return { outcome: 'malformed', reason: `Statement[${index}] is not an object` };
    const s = st as Record<string, unknown>;
    const ref: TrustStatementRef = { index, ...(typeof s.Sid === 'string' && s.Sid !== '' ? { sid: s.Sid } : {}) };
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      return { outcome: 'malformed', reason: `Statement[${index}].Effect must be Allow or Deny, got ${JSON.stringify(s.Effect)}` };
    }
    let principalMatches: boolean;
    if ('Principal' in s) principalMatches = principalNames(s.Principal, lowerServices);
    else if ('NotPrincipal' in s) principalMatches = !principalNames(s.NotPrincipal, lowerServices);
    else return { outcome: 'malformed', reason: `Statement[${index}] has neither Principal nor NotPrincipal` };
    if (!principalMatches) continue;

    const actionKey = 'Action' in s ? 'Action' : 'NotAction' in s ? 'NotAction' : undefined;
    const patterns = actionKey ? strings(s[actionKey]) : undefined;
    if (!actionKey || !patterns) return { outcome: 'malformed', reason: `Statement[${index}] needs Action or NotAction as a string or a list of strings` };
    const matched = compileActionMatcher(patterns).matches(ASSUME_ROLE, 'sts');
    if (actionKey === 'Action' ? !matched : matched) continue;

    const conditional = typeof s.Condition === 'object' && s.Condition !== null && Object.keys(s.Condition).length > 0;
    if (s.Effect === 'Deny') (conditional ? conditionalDenies : denies).push(ref);
    else (conditional ? conditionalAllows : allows).push(ref);
  }
  if (denies.length > 0) return { outcome: 'denied', reason: 'explicit-deny', deniedBy: denies };
  if (allows.length > 0 && conditionalDenies.length === 0) return { outcome: 'allowed', allowedBy: allows };
  if (allows.length > 0) {
    return { outcome: 'undetermined', reason: 'a conditional Deny may block it', statements: conditionalDenies };
  }
  if (conditionalAllows.length > 0) {
    return { outcome: 'undetermined', reason: 'it is allowed only under conditions', statements: conditionalAllows };
  }
  return { outcome: 'denied', reason: 'no-allow', deniedBy: [] };
}
