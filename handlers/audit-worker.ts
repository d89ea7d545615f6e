import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { auditClusterJob } from '../lib/app/audit-cluster.js';
import { clusterOfJob, InvalidJobError, parseJob, type ClusterJob } from '../lib/app/cluster-job.js';
import type { AccountSource } from '../lib/app/ports.js';
import { runAudit } from '../lib/app/run-audit.js';
import type { AuditConfig } from '../lib/domain/config/schema.js';
import { buildSnsMessages } from '../lib/domain/report/sns-message.js';
import { recordClusterMetrics } from './support/cluster-metrics.js';
import { createRuntime, validatedAtColdStart, type HandlerRuntime } from './support/runtime.js';
import { describeError } from '../lib/domain/describe-error.js';

/**
 * Time before the Lambda timeout at which middy's guard stops waiting for the audit and publishes the cluster's
 * report marked incomplete instead (the live source's own deadline normally ends collection well before).
 */
export const TIMEOUT_GUARD_MS = 20_000;

/** What the worker is doing, for the timeout guard (one invocation at a time per container). */
interface InFlight {
  job: ClusterJob;
  config: AuditConfig;
  startedAt: number;
}

/**
 * The audit worker (SQS, batch size 1): audits the one cluster a job names, publishes its alert and commits its
 * state (see `auditClusterJob`). A job that fails is reported in `batchItemFailures`, so SQS makes it visible again
 * after the visibility timeout and moves it to the DLQ after 3 receives; other jobs of a batch are not retried.
 *
 * Every log line carries `runId`, `cluster` and `account`; no credentials and no policy documents are logged.
 */
export function createAuditWorkerHandler(runtime: HandlerRuntime, options: { timeoutGuardMs?: number } = {}) {
  const { logger, metrics } = runtime;
  let inFlight: InFlight | undefined;

  const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records ?? []) {
      const ok = await processRecord(record, context);
      if (!ok) failures.push({ itemIdentifier: record.messageId });
    }
    return { batchItemFailures: failures };
  };

  async function processRecord(record: SQSRecord, context: Context): Promise<boolean> {
    const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? '1');
    let job: ClusterJob;
    try {
      job = parseJob(record.body);
    } catch (error) {
      metrics.addMetric('ClusterJobsFailed', MetricUnit.Count, 1);
      logger.error('invalid audit job; it goes to the DLQ after its receives', { messageId: record.messageId, receiveCount, reason: describeError(error) });
      return false;
    }
    logger.appendKeys({ runId: job.runId, cluster: job.cluster, account: job.account ?? 'current-account', region: job.region });
    try {
      const config = await runtime.config();
      clusterOfJob(config, job);
      if (runtime.clusterStore === undefined) throw new Error('STATE_BUCKET is not set: the worker cannot keep state');
      const startedAt = Date.now();
      inFlight = { job, config, startedAt };
      const result = await auditClusterJob({
        config,
        job,
        source: runtime.liveSource(context),
        store: runtime.clusterStore,
        publisher: runtime.publisher,
        ...(runtime.topicArn === undefined ? {} : { topicArn: runtime.topicArn }),
        toolVersion: runtime.toolVersion,
      });
      const account = result.report?.clusters[0]?.account ?? job.account ?? 'current-account';
      logger.appendKeys({ account });
      recordClusterMetrics(metrics, { name: job.cluster, account }, result.report, { published: result.publishedNow, conflicts: result.conflicts }, { perCluster: process.env.CLUSTER_METRICS !== 'off' });
      metrics.addMetric('ClusterJobsAudited', MetricUnit.Count, 1);
      logger.info('cluster audited', {
        summary: result.report?.summary,
        report: result.location.uri,
        parts: result.parts,
        publishedNow: result.publishedNow,
        resumed: result.resumed,
        conflicts: result.conflicts,
        receiveCount,
        durationMs: Date.now() - startedAt,
      });
      return true;
    } catch (error) {
      metrics.addMetric('ClusterJobsFailed', MetricUnit.Count, 1);
      logger.error(error instanceof InvalidJobError ? 'the job does not match the config' : 'the cluster audit failed; SQS retries it', { receiveCount, reason: describeError(error) });
      return false;
    } finally {
      inFlight = undefined;
      logger.removeKeys(['runId', 'cluster', 'account', 'region']);
    }
  }

  /**
   * The last guard: the audit is still running shortly before the Lambda timeout. Publish the cluster's report as
   * "could not check" (every family an error finding naming the timeout), so the run is never silent, and let the
   * job be deleted: the next scheduled run audits the cluster again. The state is left as it was.
   */
  async function onTimeout(): Promise<SQSBatchResponse> {
    const current = inFlight;
    if (current === undefined) return { batchItemFailures: [] };
    const { job, config } = current;
    logger.error('the audit did not finish before the Lambda timeout; publishing it as incomplete', { runId: job.runId, cluster: job.cluster, elapsedMs: Date.now() - current.startedAt });
    try {
      const timedOut: AccountSource = {
        mode: 'live',
        collect: () => Promise.reject(new Error(`the audit did not finish within the worker's Lambda timeout (run ${job.runId}); nothing of this cluster was verified in this run`)),
      };
      const { report, changes } = await runAudit({ config, source: timedOut, clusters: [job.cluster], runId: job.runId, toolVersion: runtime.toolVersion });
      if (runtime.topicArn !== undefined) {
        const messages = buildSnsMessages(report, { minSeverity: config.alerts?.minSeverity ?? 'medium', mode: 'all', format: config.alerts?.format ?? 'text', clusterLabel: job.cluster, changes });
        await runtime.publisher.publish(runtime.topicArn, messages);
      }
    } catch (error) {
      logger.error('could not publish the incomplete report', { reason: describeError(error) });
    }
    return { batchItemFailures: [] };
  }

  return middy(handler, { timeoutEarlyInMillis: options.timeoutGuardMs ?? TIMEOUT_GUARD_MS, timeoutEarlyResponse: onTimeout })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}


/** The Lambda entry point; its clients are built once per container, and the config is validated at cold start. */
export const handler = createAuditWorkerHandler(validatedAtColdStart(createRuntime()));
