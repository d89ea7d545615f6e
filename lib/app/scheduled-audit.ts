import { describeError } from '../domain/describe-error.js';
import type { AuditConfig } from '../domain/config/schema.js';
import type { Report } from '../domain/report/report.js';
import { reportChanges, type ReportChanges } from '../domain/report/sns/report-changes.js';
import { deliverReport, type DeliveryResult } from './deliver.js';
import type { AlertPublisher, ReportStore } from './delivery-ports.js';
import type { AccountSource } from './ports.js';
import { runAudit } from './run-audit.js';
import { groupByStateKey, loadPreviousReports, reportForClusters, withClusterNote } from './state-keys.js';

/** Options of {@link runScheduledAudit}. */
export interface ScheduledAuditOptions {
  config: AuditConfig;
  /** Builds this run's collect stage (e.g. a live source with the invocation's deadline). */
  sourceFactory: (config: AuditConfig) => AccountSource | Promise<AccountSource>;
  /** Previous-report store; without it every run is a first run (every finding new, nothing resolved). */
  store?: ReportStore;
  /** Without it nothing is published (`delivery.skipped: no-publisher`). */
  publisher?: AlertPublisher;
  now?: () => Date;
  runId?: string;
  toolVersion?: string;
}

/** A problem with the previous-report store, per state key. */
export interface StateProblem {
  key: string;
  operation: 'load' | 'store';
  message: string;
}

/** What {@link runScheduledAudit} returns. */
export interface ScheduledAuditResult {
  /** The report: as published, plus notes about reports that could not be stored afterwards. */
  report: Report;
  changes: ReportChanges;
  /** Messages published. */
  published: number;
  delivery: DeliveryResult;
  stateProblems: StateProblem[];
}

/**
 * The scheduled use case: for every state key (account + region of the configured clusters) load the previous
 * report, audit every configured cluster against them (`runAudit` diffs: new, resolved, firstSeen), publish per the
 * config's `alerts`, then store this run's report per key.
 *
 * The store never turns a failure into a first run: when a previous report cannot be loaded (only a missing one is
 * a first run), that key's clusters get a note, their findings count as new, and the run alerts in mode `all`
 * whatever the config says, so nothing is hidden by a broken diff.
 *
 * Publishing comes before storing so an alert is never lost: a publishing failure propagates with the state left
 * as it was, and a retry of the run alerts the same changes again. A report that cannot be stored (after
 * publishing) is a `store` state problem and a note on the returned report; the next run then re-alerts what this
 * one did (noisy, never silent).
 */
export async function runScheduledAudit(options: ScheduledAuditOptions): Promise<ScheduledAuditResult> {
  const { config, store } = options;
  const groups = groupByStateKey(config.clusters);
  const stateProblems: StateProblem[] = [];

  const { previous, failures } = await loadPreviousReports(store, groups.keys());
  for (const failure of failures) stateProblems.push({ ...failure, operation: 'load' });

  let report = await runAudit({
    config,
    source: await options.sourceFactory(config),
    ...(previous === undefined ? {} : { previous }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.toolVersion === undefined ? {} : { toolVersion: options.toolVersion }),
  });
  const changes = reportChanges(report, previous);
  for (const problem of stateProblems) {
    report = withClusterNote(
      report,
      groups.get(problem.key) ?? [],
      `could not load the previous report (${problem.message}): every finding counts as new, nothing as resolved, and this run alerts in mode all`,
    );
  }

  const loadFailed = stateProblems.some((p) => p.operation === 'load');
  const delivery = await deliverReport({
    report,
    alerts: config.alerts,
    publisher: options.publisher,
    changes,
    ...(loadFailed ? { mode: 'all' as const } : {}),
  });

  if (store !== undefined) {
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
  return { report, changes, published: delivery.published, delivery, stateProblems };
}
