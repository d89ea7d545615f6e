import type { CheckFamily, CheckMeta } from './check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../findings/finding.js';

/** How a family is named in messages. */
export const FAMILY_LABELS = { iam: 'IAM checks', tags: 'Tag checks', nodes: 'Node identity checks' } as const satisfies Record<CheckFamily, string>;

const UNAVAILABLE_RISK = 'Nothing the family checks was verified for this cluster: earlier findings stay open (unverified), never resolved.';
const UNAVAILABLE_FIX = 'Fix the reason in the detail (access, input files, collection errors) and run the audit again.';

/**
 * The ids of whole-family "could not check" findings (docs/contracts.md "Check ids", an addition): one per family,
 * emitted by the runner (lib/domain/checks/run-checks.ts) and lib/app/run-audit.ts, never by a check module, so
 * this module declares them and has no evaluate function. Before they existed such findings were filed under the
 * family's first check id.
 */
export const CHECKS = [
  { id: 'iam.family.unavailable', family: 'iam', severity: 'high', unit: 'cluster',
    title: 'IAM checks could not run', risk: UNAVAILABLE_RISK, remediation: UNAVAILABLE_FIX, reads: [] },
  { id: 'tags.family.unavailable', family: 'tags', severity: 'high', unit: 'cluster',
    title: 'Tag checks could not run', risk: UNAVAILABLE_RISK, remediation: UNAVAILABLE_FIX, reads: [] },
  { id: 'node.family.unavailable', family: 'nodes', severity: 'high', unit: 'cluster',
    title: 'Node identity checks could not run', risk: UNAVAILABLE_RISK, remediation: UNAVAILABLE_FIX, reads: [] },
] as const satisfies readonly CheckMeta[];

/** The check id a whole-family "could not check" finding is filed under. */
export const FAMILY_ERROR_CHECK = {
  iam: CHECKS[0].id,
  tags: CHECKS[1].id,
  nodes: CHECKS[2].id,
} as const satisfies Record<CheckFamily, (typeof CHECKS)[number]['id']>;

/** The check id a whole-family "could not check" finding is filed under (see {@link FAMILY_ERROR_CHECK}). */
export function familyErrorCheck(family: CheckFamily): (typeof CHECKS)[number]['id'] {
  return FAMILY_ERROR_CHECK[family];
}

/**
 * A `status: error` draft saying that a whole check family could not run for a cluster (collection failed, no IAM
 * decision source, ...). Its resource is the account, so it marks every previous finding of the family in that
 * cluster as unverified rather than resolved ("could not look" is never a pass).
 */
export function familyErrorDraft(family: CheckFamily, clusterName: string, account: string, reason: string): FindingDraft {
  return {
    check: familyErrorCheck(family),
    status: 'error',
    resource: { type: RESOURCE_TYPES.account, id: account },
    title: `${FAMILY_LABELS[family]} could not run`,
    detail: `${FAMILY_LABELS[family]} could not run for cluster ${clusterName}: ${reason}`,
    evidence: { family, reason },
  };
}
