import type { ReportChanges } from '../domain/findings/diff.js';
import type { Report } from '../domain/report/report.js';
import { auditWithState, type AuditWithStateOptions } from './audit-with-state.js';
import type { DeliveryResult } from './deliver.js';

/**
 * Options of {@link runOnDemandAudit}: those of the shared wrapper it chooses from ({@link AuditWithStateOptions};
 * `store` is read only here: the scheduled runs' previous reports give new, resolved and firstSeen, never written).
 */
export interface OnDemandAuditOptions
  extends Pick<AuditWithStateOptions, 'config' | 'source' | 'clusters' | 'families' | 'store' | 'publisher' | 'now' | 'runId' | 'toolVersion'> {
  /** Publish the report to the alert topic (mode `all`: the caller asked for it). */
  publish?: boolean;
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
