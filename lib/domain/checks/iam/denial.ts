import type { ActionDecision } from '../../policy/decisions.js';
import { denyingStatements, describeStatement, statementLabel, type StatementEvidence } from './statements.js';

/** Why an action is not allowed (evidence `reason` of iam.required.denied / iam.optional.denied). */
export const DENIAL_REASONS = ['implicitDeny', 'explicitDeny', 'boundary', 'scp', 'missing-context'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];

/** The explained denial of one decision. */
export interface Denial {
  reason: DenialReason;
  /** One sentence, e.g. `explicitly denied by inline policy lockdown (statement NoElb)`. */
  explanation: string;
  /** For explicitDeny: the denying statement(s). */
  deniedBy?: StatementEvidence[];
  /** For missing-context: the condition keys the request lacked. */
  missingContextKeys?: string[];
}

/** True when a decision means "the role may call this action". */
export function isAllowed(d: ActionDecision): boolean {
  return d.decision === 'allowed' && d.allowedByBoundary !== false && d.allowedByOrganizations !== false;
}

/**
 * Explains a decision that is not allowed, most specific cause first: an SCP, an explicit deny, condition keys
 * missing from the request ("allowed only with context", also when it is the boundary that needs them), the
 * permissions boundary, else no statement allows it.
 */
export function explainDenial(d: ActionDecision): Denial {
  if (d.allowedByOrganizations === false) {
    return { reason: 'scp', explanation: 'blocked by a service control policy (SCP) of the organization' };
  }
  if (d.decision === 'explicitDeny') {
    const deniers = denyingStatements(d);
    return {
      reason: 'explicitDeny',
      explanation: deniers.length > 0 ? `explicitly denied by ${deniers.map(statementLabel).join(', ')}` : 'explicitly denied',
      deniedBy: deniers.map(describeStatement),
    };
  }
  // Missing context before the boundary: a boundary whose Allow is only conditional on a missing key reports
  // allowedByBoundary false too, and that is "allowed only with context", never a plain boundary denial.
  if (d.missingContextKeys.length > 0) {
    const keys = `[${d.missingContextKeys.join(', ')}]`;
    return {
      reason: 'missing-context',
      explanation:
        d.allowedByBoundary === false
          ? `allowed only with context ${keys} (without it the permissions boundary does not allow it)`
          : `allowed only with context ${keys}`,
      missingContextKeys: [...d.missingContextKeys],
    };
  }
  if (d.allowedByBoundary === false) {
    return { reason: 'boundary', explanation: 'allowed by the identity policies but not by the permissions boundary' };
  }
  return { reason: 'implicitDeny', explanation: 'no policy statement allows it (implicit deny)' };
}
