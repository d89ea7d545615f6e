import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import { dispatchRun } from '../lib/app/dispatch.js';
import { createRuntime, validatedAtColdStart, type HandlerRuntime } from './support/runtime.js';
import { describeError } from '../lib/domain/describe-error.js';

/** What the dispatcher returns (for the invocation log; EventBridge ignores it). */
export interface DispatchResponse {
  runId: string;
  jobs: number;
}

/**
 * The dispatcher (EventBridge schedule): validates the config and sends one job per configured cluster to the
 * audit queue. A config error or a job SQS did not accept fails the invocation (its Errors alarm notifies the
 * operations topic); nothing is audited here.
 */
export function createDispatchHandler(runtime: HandlerRuntime) {
  const { logger, metrics } = runtime;
  return middy(async (): Promise<DispatchResponse> => {
    const config = await runtime.config().catch((error: unknown) => {
      logger.error('the audit config is invalid', { reason: describeError(error) });
      throw error;
    });
    if (runtime.queue === undefined) throw new Error('AUDIT_QUEUE_URL is not set: nowhere to send the cluster jobs');
    const result = await dispatchRun({ config, queue: runtime.queue }).catch((error: unknown) => {
      logger.error('could not queue the cluster jobs', { reason: describeError(error) });
      throw error;
    });
    logger.appendKeys({ runId: result.runId });
    metrics.addMetric('ClusterJobsQueued', MetricUnit.Count, result.sent);
    logger.info('cluster jobs queued', { jobs: result.jobs.map((j) => `${j.account ?? 'current-account'}/${j.region}/${j.cluster}`) });
    logger.removeKeys(['runId']);
    return { runId: result.runId, jobs: result.sent };
  })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}


/** The Lambda entry point. */
export const handler = createDispatchHandler(validatedAtColdStart(createRuntime()));
