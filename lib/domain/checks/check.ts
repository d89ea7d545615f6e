import type { AccountView } from '../model/account-view.js';
import type { ClusterConfig } from '../config/schema.js';
import type { FindingDraft } from '../findings/finding.js';
import type { ClusterMembership } from '../membership.js';

/** Everything a pure check family may read. */
export interface CheckInput {
  view: AccountView;
  cluster: ClusterConfig;
  membership: ClusterMembership;
}

/** A check family: a pure function from the input to finding drafts (for one or more check ids). */
export type CheckFamilyRunner = (input: CheckInput) => FindingDraft[];
