import type { FindingDraft } from '../../findings/finding.js';
import { computeMembership } from '../../membership.js';
import { runFamilyChecks } from '../run-checks.js';
import type { IamAnalysis, IamCheckInput } from './iam-check-input.js';

/**
 * The IAM check family (pure) for callers that hold an analysis: every registered `iam.*` check module over each
 * configured role (iam.role.missing, iam.role.trust, iam.required.denied, iam.optional.denied, iam.excess.*), role
 * by role. Units that could not be checked come back as `status: error` drafts.
 */
export function runIamChecks(input: IamCheckInput, iam: IamAnalysis): FindingDraft[] {
  const membership = computeMembership(input.view, input.cluster);
  return iam.roles.flatMap((role) => runFamilyChecks('iam', { ...input, membership, iam: { ...iam, roles: [role] } }));
}
