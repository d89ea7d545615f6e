import type { CheckFamily } from '../domain/checks/check-ids.js';
import type { AuditConfig } from '../domain/config/schema.js';
import type { Report } from '../domain/report/report.js';
import { reportChanges, type ReportChanges } from '../domain/report/sns/report-changes.js';
import { deliverReport, type DeliveryResult } from './deliver.js';
import type { AlertPublisher, ReportStore } from './delivery-ports.js';
import type { AccountSource } from './ports.js';
import { runAudit } from './run-audit.js';
import { groupByStateKey, loadPreviousReports, withClusterNote } from './state-keys.js';

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
 * (an explicit request is not filtered by "nothing changed"; minSeverity still applies).
 *
 * @throws UsageError when a cluster name matches no configured cluster (from runAudit)
 */
export async function runOnDemandAudit(options: OnDemandAuditOptions): Promise<OnDemandAuditResult> {
  const { config, store } = options;
  const selected = options.clusters === undefined || options.clusters.length === 0 ? config.clusters : config.clusters.filter((c) => options.clusters?.includes(c.name));
  const groups = groupByStateKey(selected);

  const { previous, failures } = await loadPreviousReports(store, groups.keys());

  let report = await runAudit({
    config,
    source: options.source,
    ...(options.clusters === undefined ? {} : { clusters: options.clusters }),
    ...(options.families === undefined ? {} : { families: options.families }),
    ...(previous === undefined ? {} : { previous }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.toolVersion === undefined ? {} : { toolVersion: options.toolVersion }),
  });
  const changes = reportChanges(report, previous, options.families === undefined ? {} : { families: options.families });
  for (const failure of failures) {
    report = withClusterNote(report, groups.get(failure.key) ?? [], `could not load the previous report (${failure.message}): every finding counts as new, nothing as resolved`);
  }

  if (options.publish !== true) return { report, changes, published: 0 };
  const delivery = await deliverReport({ report, alerts: config.alerts, publisher: options.publisher, changes, mode: 'all' });
  return { report, changes, published: delivery.published, delivery };
}
