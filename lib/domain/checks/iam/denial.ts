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
 * Explains a decision that is not allowed, most specific cause first: an SCP, an explicit deny, the permissions
 * boundary, condition keys missing from the request ("allowed only with context"), else no statement allows it.
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
  if (d.allowedByBoundary === false) {
    return { reason: 'boundary', explanation: 'allowed by the identity policies but not by the permissions boundary' };
  }
  if (d.missingContextKeys.length > 0) {
    return {
      reason: 'missing-context',
      explanation: `allowed only with context [${d.missingContextKeys.join(', ')}]`,
      missingContextKeys: [...d.missingContextKeys],
    };
  }
  return { reason: 'implicitDeny', explanation: 'no policy statement allows it (implicit deny)' };
}
