import type { CheckFamily } from '../domain/checks/check-ids.js';
import type { AuditConfig } from '../domain/config/schema.js';
import { describeError } from '../domain/describe-error.js';
import type { ReportChanges } from '../domain/findings/diff.js';
import type { Report } from '../domain/report/report.js';
import type { AlertMode } from '../domain/report/sns/alert-trigger.js';
import { deliverReport, type DeliveryResult } from './deliver.js';
import type { AlertPublisher, ReportStore } from './delivery-ports.js';
import { planAudit } from './plan.js';
import type { AccountSource } from './ports.js';
import { runAudit } from './run-audit.js';
import { groupByStateKey, loadPreviousReports, reportForClusters, withClusterNote } from './state-keys.js';

/** A problem with the previous-report store, per state key. */
export interface StateProblem {
  key: string;
  operation: 'load' | 'store';
  message: string;
}

/** Options of {@link auditWithState}: what the scheduled and on-demand use cases differ in. */
export interface AuditWithStateOptions {
  config: AuditConfig;
  source: AccountSource;
  /** Only these clusters; all when absent or empty. */
  clusters?: readonly string[];
  /** Only these check families; all when absent. */
  families?: readonly CheckFamily[];
  /** Previous-report store: read for the diff, written only with `storeReport`. */
  store?: ReportStore;
  publisher?: AlertPublisher;
  /** Publish at all (on-demand: when the event asks for it). */
  publish: boolean;
  /** Overrides `alerts.mode` (on-demand: `all`, the caller asked for it). */
  mode?: AlertMode;
  /** Write this run's report per state key afterwards (scheduled runs only: a partial run is never the baseline). */
  storeReport: boolean;
  now?: () => Date;
  runId?: string;
  toolVersion?: string;
}

/** What {@link auditWithState} returns. */
export interface AuditWithStateResult {
  /** The report: as published, plus notes about previous reports that could not be loaded or stored. */
  report: Report;
  /** New and resolved findings: runAudit's one diff, which the summary, the messages and the state read. */
  changes: ReportChanges;
  /** Messages published. */
  published: number;
  /** Present when publishing was asked for. */
  delivery?: DeliveryResult;
  stateProblems: StateProblem[];
}

/**
 * The wrapper the scheduled and on-demand use cases share (docs/architecture.md "deliver"): select the clusters
 * (validated once), load the previous report of every state key, run the audit against it (runAudit diffs, once),
 * publish, then store.
 *
 * The store never turns a failure into a first run: when a previous report cannot be loaded (only a missing one is
 * a first run), that key's clusters get a note, their findings count as new, and the run alerts in mode `all`
 * whatever the config says, so nothing is hidden by a broken diff.
 *
 * Publishing comes before storing so an alert is never lost: a publishing failure propagates with the state left
 * as it was. A report that cannot be stored (after publishing) is a `store` state problem and a note on the
 * returned report; the next run then re-alerts what this one did (noisy, never silent).
 *
 * @throws UsageError when a cluster name matches no configured cluster
 */
export async function auditWithState(options: AuditWithStateOptions): Promise<AuditWithStateResult> {
  const { config, store } = options;
  const plan = planAudit(config, { ...(options.clusters === undefined ? {} : { clusters: options.clusters }), ...(options.families === undefined ? {} : { families: options.families }) });
  const groups = groupByStateKey(plan.clusters);
  const stateProblems: StateProblem[] = [];

  const { previous, failures } = await loadPreviousReports(store, groups.keys());
  for (const failure of failures) stateProblems.push({ ...failure, operation: 'load' });

  const audited = await runAudit({
    config,
    source: options.source,
    plan,
    ...(previous === undefined ? {} : { previous }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.toolVersion === undefined ? {} : { toolVersion: options.toolVersion }),
  });
  const { changes } = audited;
  let report = audited.report;
  const loadFailed = failures.length > 0;
  for (const failure of failures) {
    report = withClusterNote(
      report,
      groups.get(failure.key) ?? [],
      `could not load the previous report (${failure.message}): every finding counts as new, nothing as resolved` +
        (options.publish && options.mode !== 'all' ? ', and this run alerts in mode all' : ''),
    );
  }

  let delivery: DeliveryResult | undefined;
  if (options.publish) {
    const mode = loadFailed ? 'all' : options.mode;
    delivery = await deliverReport({ report, alerts: config.alerts, publisher: options.publisher, changes, ...(mode === undefined ? {} : { mode }) });
  }

  if (options.storeReport && store !== undefined) {
    for (const [key, clusters] of groups) {
      try {
        await store.put(key, reportForClusters(report, clusters, changes));
      } catch (error) {
        const message = describeError(error);
        stateProblems.push({ key, operation: 'store', message });
        report = withClusterNote(report, clusters, `could not store this report (${message}): the next run compares with an older report`);
      }
    }
  }
  return { report, changes, published: delivery?.published ?? 0, ...(delivery === undefined ? {} : { delivery }), stateProblems };
}
