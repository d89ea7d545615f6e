import type { AuditConfig, ClusterConfig } from '../domain/config/schema.js';
import { diffFindings, type ReportChanges } from '../domain/findings/diff.js';
import { summarize } from '../domain/report/build-report.js';
import type { Report } from '../domain/report/report.js';
import { buildSnsMessages, type SnsMessage } from '../domain/report/sns-message.js';
import { clusterOfJob, clusterStateKey, type ClusterJob } from './cluster-job.js';
import { StateConflictError, type AlertPublisher, type ClusterStateStore, type DeliveryRecord, type StoredReportLocation, type Versioned } from './delivery-ports.js';
import type { AccountSource } from './ports.js';
import { runAudit } from './run-audit.js';

/** Options of {@link auditClusterJob}. */
export interface AuditClusterOptions {
  config: AuditConfig;
  job: ClusterJob;
  source: AccountSource;
  store: ClusterStateStore;
  publisher: AlertPublisher;
  /** The service's alert topic (the one its role may publish to); no topic: nothing is published. */
  topicArn?: string;
  now?: () => Date;
  toolVersion?: string;
  /** Conditional state writes lost to concurrent runs before the job fails (and SQS retries it). Default 3. */
  maxConflicts?: number;
}

/** What {@link auditClusterJob} did. */
export interface AuditClusterResult {
  /** This run's report of the cluster (absent when the job only resumed publishing). */
  report?: Report;
  changes?: ReportChanges;
  location: StoredReportLocation;
  /** Messages of the cluster's alert (0: the alert settings say nothing to publish). */
  parts: number;
  /** Parts this invocation published (a resumed job publishes only the missing ones). */
  publishedNow: number;
  /** True when an earlier attempt of the same run had already audited and committed: no new audit. */
  resumed: boolean;
  /** Conditional writes lost to a concurrent run of the same cluster, each followed by a re-diff. */
  conflicts: number;
}

/**
 * The worker's use case: audit one cluster for one scheduled run, diff it against the cluster's state, store the
 * full report, commit the state and publish the cluster's alert, so that concurrent runs and retries neither lose
 * nor repeat anything:
 *
 * 1. A delivery record (per run and cluster) is written before the state is touched; it holds the built messages.
 * 2. The state is written conditionally on the version the diff was made against. A concurrent run that committed
 *    first makes this write fail (412): the report is re-diffed against the new state (no re-audit), the messages
 *    rebuilt, and the write retried, up to `maxConflicts` times; then the job fails and SQS redelivers it.
 * 3. The parts are published in order, each recorded in the delivery record as soon as SNS accepts it. A publish
 *    that fails fails the job; its retry finds the committed record and publishes only the missing parts.
 *
 * @throws InvalidJobError when the config does not list the job's cluster (the job goes to the DLQ after its
 * receives); StateConflictError after `maxConflicts` lost writes; store and publish errors as they come.
 */
export async function auditClusterJob(options: AuditClusterOptions): Promise<AuditClusterResult> {
  const { config, job, store } = options;
  const cluster = clusterOfJob(config, job);
  const key = clusterStateKey(cluster);

  const existing = await store.getDelivery(key, job.runId);
  if (existing?.value.committed === true) return resume(options, key, existing);

  let state = await store.getState(key);
  // runAudit diffs against the state it was given (its one diff); only a lost conditional write re-diffs (rebase).
  let { report, changes } = await runAudit({
    config,
    source: options.source,
    clusters: [cluster.name],
    runId: job.runId,
    ...(state === undefined ? {} : { previous: state.value }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.toolVersion === undefined ? {} : { toolVersion: options.toolVersion }),
  });
  let recordVersion = existing?.version ?? null;
  let conflicts = 0;
  const maxConflicts = options.maxConflicts ?? 3;
  for (;;) {
    const location = await store.putRunReport(key, job.runId, report);
    const messages = buildMessages(options, report, changes, location);
    const record: DeliveryRecord = {
      version: 1,
      runId: job.runId,
      cluster: { name: cluster.name, account: report.clusters[0]?.account ?? cluster.account ?? 'unknown', region: cluster.region },
      report: location,
      baseVersion: state?.version ?? null,
      committed: false,
      parts: messages.length,
      published: [],
      messages,
    };
    recordVersion = await store.putDelivery(key, job.runId, record, recordVersion);
    try {
      await store.putState(key, report, state?.version ?? null);
    } catch (error) {
      if (!(error instanceof StateConflictError) || conflicts >= maxConflicts) throw error;
      conflicts += 1;
      state = await store.getState(key);
      if (state?.value.runId === job.runId) {
        // An earlier attempt of this very run committed between our read and write: continue from its record.
        const again = await store.getDelivery(key, job.runId);
        if (again !== undefined) return { ...(await resume(options, key, again)), conflicts };
      }
      ({ report, changes } = rebase(report, state?.value, cluster));
      continue;
    }
    record.committed = true;
    recordVersion = await store.putDelivery(key, job.runId, record, recordVersion);
    const publishedNow = await publishMissing(options, key, { value: record, version: recordVersion });
    return { report, changes, location, parts: messages.length, publishedNow, resumed: false, conflicts };
  }
}

/** An earlier attempt committed this run: publish what it did not (its report and messages are in the record). */
async function resume(options: AuditClusterOptions, key: string, record: Versioned<DeliveryRecord>): Promise<AuditClusterResult> {
  const publishedNow = await publishMissing(options, key, record);
  return {
    location: record.value.report,
    parts: record.value.parts,
    publishedNow,
    resumed: true,
    conflicts: 0,
  };
}

/** Publishes the record's parts that are not recorded as published, recording each one as SNS accepts it. */
async function publishMissing(options: AuditClusterOptions, key: string, start: Versioned<DeliveryRecord>): Promise<number> {
  const { store, job } = options;
  const record = start.value;
  let version = start.version;
  const messages = Array.isArray(record.messages) ? record.messages : [];
  if (messages.length !== record.parts) throw new RangeError(`the delivery record of ${key} run ${job.runId} holds ${messages.length} of ${record.parts} messages`);
  let count = 0;
  for (const message of messages) {
    if (record.published.some((p) => p.index === message.part.index)) continue;
    if (options.topicArn === undefined) break;
    const [messageId] = await options.publisher.publish(options.topicArn, [message]);
    record.published.push({ index: message.part.index, messageId: messageId ?? '' });
    count += 1;
    version = await store.putDelivery(key, job.runId, record, version);
  }
  return count;
}

function buildMessages(options: AuditClusterOptions, report: Report, changes: ReportChanges, location: StoredReportLocation): SnsMessage[] {
  const alerts = options.config.alerts;
  if (options.topicArn === undefined) return [];
  return buildSnsMessages(report, {
    minSeverity: alerts?.minSeverity ?? 'medium',
    mode: alerts?.mode ?? 'changes',
    format: alerts?.format ?? 'text',
    changes,
    reportLocation: location,
    clusterLabel: report.clusters[0]?.name ?? options.job.cluster,
  });
}

/**
 * The report diffed against `previous` (the cluster's current state): `firstSeen`, the summary's new and resolved,
 * and the changes. Used after the audit and again after a lost conditional write, without auditing again.
 */
export function rebase(report: Report, previous: Report | undefined, cluster: Pick<ClusterConfig, 'name' | 'region'>): { report: Report; changes: ReportChanges } {
  const diff = diffFindings(report.findings, previous?.findings, {
    now: report.startedAt,
    inScope: (f) => f.cluster === cluster.name && f.region === cluster.region,
  });
  const newIds = previous === undefined ? report.findings.filter((f) => !f.suppressed).map((f) => f.id) : diff.newIds;
  return {
    report: { ...report, findings: diff.findings, summary: summarize(diff.findings, newIds, diff.resolved.length) },
    changes: { newIds, resolved: diff.resolved },
  };
}
