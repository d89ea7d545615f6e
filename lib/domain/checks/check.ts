import type { AccountView } from '../model/account-view.js';
import type { ClusterConfig } from '../config/schema.js';
import type { FindingDraft } from '../findings/finding.js';
import type { Severity } from '../findings/severity.js';
import type { ClusterMembership } from '../membership.js';
import type { IamAnalysis } from './iam/iam-check-input.js';

/** The check families, as accepted by `--checks` (`nodes` is the CLI name of the `node.*` family). */
export const CHECK_FAMILIES = ['iam', 'tags', 'nodes'] as const;
export type CheckFamily = (typeof CHECK_FAMILIES)[number];

/** The id prefix of each family's checks (`node.` for the `nodes` family). */
export const FAMILY_ID_PREFIX = { iam: 'iam.', tags: 'tags.', nodes: 'node.' } as const satisfies Record<CheckFamily, string>;

/**
 * What a check reads: the parts of the collected account (docs/contracts.md "Snapshot directory") and `iam`, the
 * decisions of the IAM analysis. A check whose inputs are missing cannot run, and says so with `status: error`.
 */
export const CHECK_INPUTS = ['roles', 'instances', 'subnets', 'routeTables', 'securityGroups', 'nodes', 'iam'] as const;
export type CheckInputKind = (typeof CHECK_INPUTS)[number];

/**
 * The declaration of one check (docs/architecture.md "A check is one unit"): its stable id, what it is and how bad,
 * the fix, and what it reads. Declared as data in the check's own module, next to its evaluate function.
 */
export interface CheckMeta {
  id: string;
  family: CheckFamily;
  title: string;
  /** Default severity; a finding may raise or lower it (e.g. `iam.excess.actions` by access level). */
  severity: Severity;
  /** The unit a finding is emitted per (docs/contracts.md "Check ids"). */
  unit: string;
  /** Why it matters. */
  risk: string;
  /** Generic remediation (the fix); findings usually carry a ready command instead. */
  remediation: string;
  /** What the check reads. */
  reads: readonly CheckInputKind[];
}

/** Everything a check may read for one cluster. */
export interface CheckInput {
  view: AccountView;
  cluster: ClusterConfig;
  membership: ClusterMembership;
  /** The IAM analysis (roles and their decisions); present when the `iam` family runs and could be analysed. */
  iam?: IamAnalysis;
}

/** A check's evaluate function: pure, from the input to finding drafts of the module's own check ids. */
export type CheckEvaluator = (input: CheckInput) => FindingDraft[];

/**
 * A check module: a file under lib/domain/checks/ that exports `CHECKS` (the declarations of the ids it emits) and
 * `evaluate`. The registry (lib/domain/checks/registry.ts) is generated from these modules by `npm run docs`.
 * A module without `evaluate` only declares ids that the runner emits itself (family-error.ts).
 */
export interface CheckModule {
  readonly CHECKS: readonly CheckMeta[];
  readonly evaluate?: CheckEvaluator;
}
