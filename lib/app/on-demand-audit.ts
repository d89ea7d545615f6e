import type { CheckFamily } from '../domain/checks/check-ids.js';
import type { AuditConfig } from '../domain/config/schema.js';
import type { ReportChanges } from '../domain/findings/diff.js';
import type { Report } from '../domain/report/report.js';
import { auditWithState } from './audit-with-state.js';
import type { DeliveryResult } from './deliver.js';
import type { AlertPublisher, ReportStore } from './delivery-ports.js';
import type { AccountSource } from './ports.js';

/** Options of {@link runOnDemandAudit}. */
export interface OnDemandAuditOptions {
  config: AuditConfig;
  source: AccountSource;
  /** Only these clusters; all when absent or empty. */
  clusters?: readonly string[];
  /** Only these check families; all when absent. */
  families?: readonly CheckFamily[];
  /** Publish the report to the alert topic (mode `all`: the caller asked for it). */
  publish?: boolean;
  /** Read-only: the scheduled runs' previous reports give new, resolved and firstSeen. Never written. */
  store?: ReportStore;
  publisher?: AlertPublisher;
  now?: () => Date;
  runId?: string;
  toolVersion?: string;
}

/** What {@link runOnDemandAudit} returns. */
export interface OnDemandAuditResult {
  report: Report;
  changes: ReportChanges;
  published: number;
  /** Present when publishing was asked for. */
  delivery?: DeliveryResult;
}

/**
 * The on-demand use case: audit the selected clusters and families, compared with the scheduled runs' last
 * reports when a store is given (read only: a partial run must not become the schedule's baseline; a store that
 * cannot be read adds a note and the run goes on without it), and publish when asked, in mode `all`
 * (an explicit request is not filtered by "nothing changed"; minSeverity still applies). The flow is
 * {@link auditWithState}'s, shared with the scheduled use case.
 *
 * @throws UsageError when a cluster name matches no configured cluster
 */
export async function runOnDemandAudit(options: OnDemandAuditOptions): Promise<OnDemandAuditResult> {
  const { report, changes, published, delivery } = await auditWithState({
    config: options.config,
    source: options.source,
    ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
    ...(options.families === undefined ? {} : { families: options.families }),
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.publisher === undefined ? {} : { publisher: options.publisher }),
    publish: options.publish === true,
    mode: 'all',
    storeReport: false,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.toolVersion === undefined ? {} : { toolVersion: options.toolVersion }),
  });
  return { report, changes, published, ...(delivery === undefined ? {} : { delivery }) };
}
