import type { AccountView } from '../model/account-view.js';
import type { ClusterConfig } from '../config/schema.js';
import type { FindingDraft } from '../findings/finding.js';
import { clusterAccount } from '../cluster-facts.js';
import type { ClusterMembership } from '../membership.js';
import type { CheckEvaluator, CheckFamily, CheckInput, CheckModule } from './check.js';
import { CHECK_FAMILIES } from './check.js';
import { describeError } from '../describe-error.js';
import { familyErrorDraft, FAMILY_LABELS } from './family-error.js';
import type { IamAnalysis } from './iam/iam-check-input.js';
import { CHECK_MODULES } from './registry.js';

/** Input of {@link evaluateCluster}. */
export interface EvaluateClusterInput {
  view: AccountView;
  cluster: ClusterConfig;
  /** The families to run (`--checks`); each runs at most once, in CHECK_FAMILIES order. */
  families: readonly CheckFamily[];
  /** The cluster's membership, computed once (lib/domain/cluster-facts.ts) and shared by every check. */
  membership: ClusterMembership;
  /** The account of the cluster's findings (lib/domain/cluster-facts.ts `clusterAccount`, else the previous report's). */
  account?: string;
  /** Result of the IAM analysis (lib/app/analyse-iam.ts); needed by the checks that read `iam`. */
  iam?: IamAnalysis;
  /** Why `iam` is absent (e.g. "no IAM decision source"); used in the error finding. */
  iamUnavailableReason?: string;
}

/** A registered module's family: the family its checks declare. */
function familyOf(module: CheckModule): CheckFamily | undefined {
  return module.CHECKS[0]?.family;
}

/** The evaluate functions of a family's check modules, in registry order. */
export function familyEvaluators(family: CheckFamily): { module: CheckModule; evaluate: CheckEvaluator }[] {
  return CHECK_MODULES.flatMap((module) => (module.evaluate !== undefined && familyOf(module) === family ? [{ module, evaluate: module.evaluate }] : []));
}

/** Runs every check module of a family on one input (for tests and the per-family entry points). */
export function runFamilyChecks(family: CheckFamily, input: CheckInput): FindingDraft[] {
  return familyEvaluators(family).flatMap(({ evaluate }) => evaluate(input));
}

/**
 * Runs the selected check families for one cluster and returns their drafts. Pure. Membership is computed once
 * and shared by every check (lib/domain/cluster-facts.ts); each family is the registered check modules that declare it (lib/domain/checks/registry.ts).
 *
 * A family that cannot run never passes silently: when one of its checks reads an input that is missing (`iam`
 * without an analysis) or a check throws (a defect), the family yields one `status: error` draft
 * (`<family>.family.unavailable`) with the reason, and the other families still run.
 */
export function evaluateCluster(input: EvaluateClusterInput): FindingDraft[] {
  const { view, cluster, membership } = input;
  const checkInput: CheckInput = { view, cluster, membership, ...(input.iam === undefined ? {} : { iam: input.iam }) };
  const account = input.account ?? clusterAccount(cluster, view) ?? 'unknown';
  const drafts: FindingDraft[] = [];
  for (const family of CHECK_FAMILIES) {
    if (!input.families.includes(family)) continue;
    const checks = familyEvaluators(family);
    if (input.iam === undefined && checks.some(({ module }) => module.CHECKS.some((c) => c.reads.includes('iam')))) {
      drafts.push(familyErrorDraft(family, cluster.name, account, input.iamUnavailableReason ?? 'the IAM analysis was not run'));
      continue;
    }
    try {
      drafts.push(...checks.flatMap(({ evaluate }) => evaluate(checkInput)));
    } catch (err) {
      drafts.push(familyErrorDraft(family, cluster.name, account, `internal error in the ${FAMILY_LABELS[family]}: ${describeError(err)}`));
    }
  }
  return drafts;
}
