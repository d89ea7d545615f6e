import type { AccountView } from '../domain/model/account-view.js';
import type { ClusterConfig } from '../domain/config/schema.js';
import type { PolicyDecisionSource } from '../domain/policy/decisions.js';

/** What a collector hands to the evaluate stage for one cluster. */
export interface CollectedAccount {
  view: AccountView;
  /** Where IAM decisions come from for this account (AWS simulation, or the local evaluator over `view`). */
  decisions?: PolicyDecisionSource;
  /** Notes for the report, e.g. why the engine fell back to the local evaluator. */
  notes: string[];
}

/** Port: the collect stage (docs/architecture.md). Snapshot reader and live AWS collector implement it. */
export interface AccountSource {
  readonly mode: 'live' | 'snapshot';
  collect(cluster: ClusterConfig): Promise<CollectedAccount>;
}
