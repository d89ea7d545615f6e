import type { AccountView } from '../model/account-view.js';
import type { ClusterConfig } from '../config/schema.js';
import type { FindingDraft } from '../findings/finding.js';
import { computeMembership, type ClusterMembership } from '../membership.js';
import type { CheckFamilyRunner, CheckInput } from './check.js';
import { CHECK_FAMILIES, type CheckFamily } from './check-ids.js';
import { describeError } from '../describe-error.js';
import { familyErrorDraft, FAMILY_LABELS } from './family-error.js';
import { runIamChecks, type IamAnalysis } from './iam/index.js';
import { runNodeChecks } from './nodes/index.js';
import { runTagChecks } from './tags/index.js';

/** Input of {@link evaluateCluster}. */
export interface EvaluateClusterInput {
  view: AccountView;
  cluster: ClusterConfig;
  /** The families to run (`--checks`); each runs at most once, in CHECK_FAMILIES order. */
  families: readonly CheckFamily[];
  /** Precomputed membership (the caller also needs it for coverage); computed here when absent. */
  membership?: ClusterMembership;
  /** Result of the IAM analysis (lib/app/analyse-iam.ts); needed when `families` includes `iam`. */
  iam?: IamAnalysis;
  /** Why `iam` is absent (e.g. "no IAM decision source"); used in the error finding. */
  iamUnavailableReason?: string;
}

/** The pure runners of the families that need nothing but the CheckInput. */
const RUNNERS: Record<Exclude<CheckFamily, 'iam'>, CheckFamilyRunner> = { tags: runTagChecks, nodes: runNodeChecks };

function runFamily(family: CheckFamily, input: CheckInput): FindingDraft[] {
  if (family === 'iam') throw new Error('the iam family needs an IAM analysis');
  return RUNNERS[family](input);
}

/**
 * Runs the selected check families for one cluster and returns their drafts. Pure. Membership is computed once
 * and shared by every family.
 *
 * A family that cannot run never passes silently: when `iam` is selected without an analysis, or a family throws
 * (a defect), the family yields one `status: error` draft with the reason and the other families still run.
 */
export function evaluateCluster(input: EvaluateClusterInput): FindingDraft[] {
  const { view, cluster } = input;
  const membership = input.membership ?? computeMembership(view, cluster);
  const checkInput: CheckInput = { view, cluster, membership };
  const account = cluster.account ?? view.account ?? 'unknown';
  const drafts: FindingDraft[] = [];
  for (const family of CHECK_FAMILIES) {
    if (!input.families.includes(family)) continue;
    const iam = input.iam;
    if (family === 'iam' && iam === undefined) {
      drafts.push(familyErrorDraft('iam', cluster.name, account, input.iamUnavailableReason ?? 'the IAM analysis was not run'));
      continue;
    }
    try {
      drafts.push(...(family === 'iam' && iam !== undefined ? runIamChecks(checkInput, iam) : runFamily(family, checkInput)));
    } catch (err) {
      drafts.push(familyErrorDraft(family, cluster.name, account, `internal error in the ${FAMILY_LABELS[family]}: ${describeError(err)}`));
    }
  }
  return drafts;
}
