import type { FindingDraft } from '../../findings/finding.js';
import type { IamAnalysis, IamCheckInput } from './iam-check-input.js';
import { checkExcess } from './excess-checks.js';
import { checkRequirements } from './requirement-checks.js';
import { checkRoleMissing, checkRoleTrust } from './role-checks.js';

/**
 * The IAM check family (pure): for every configured role, iam.role.missing, iam.role.trust,
 * iam.required.denied, iam.optional.denied and the iam.excess.* checks, from decisions gathered beforehand
 * (lib/app/analyse-iam.ts `analyseIam`). Units that could not be checked come back as `status: error` drafts.
 */
export function runIamChecks(input: IamCheckInput, iam: IamAnalysis): FindingDraft[] {
  return iam.roles.flatMap((role) => [
    ...checkRoleMissing(role),
    ...checkRoleTrust(role),
    ...checkRequirements(role, input.cluster),
    ...checkExcess(role, input.view, input.cluster),
  ]);
}
