import { CHECKS, type CheckFamily } from './check-ids.js';
import { RESOURCE_TYPES, type FindingDraft } from '../findings/finding.js';

/** How a family is named in messages. */
export const FAMILY_LABELS = { iam: 'IAM checks', tags: 'Tag checks', nodes: 'Node identity checks' } as const satisfies Record<CheckFamily, string>;

/**
 * The check id a whole-family "could not check" finding is filed under: the family's first registered check
 * (`iam.role.missing`, `tags.instance.missing`, `node.private-dns.missing`). Findings need a contract id, and
 * the title says the whole family did not run.
 */
export function familyErrorCheck(family: CheckFamily): string {
  const first = CHECKS.find((c) => c.family === family);
  if (!first) throw new Error(`no check registered for family ${family}`);
  return first.id;
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
