import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { runScheduledAudit } from '../lib/app/scheduled-audit.js';
import { describeError } from '../lib/domain/describe-error.js';
import type { Summary } from '../lib/domain/report/report.js';
import { recordAuditMetrics } from './support/audit-metrics.js';
import { createRuntime, type HandlerRuntime } from './support/runtime.js';

/** What the scheduled function returns (for the invocation log; EventBridge ignores it). */
export interface ScheduledAuditResponse {
  runId: string;
  summary: Summary;
  /** SNS messages published. */
  published: number;
  /** Why nothing was published, if nothing was. */
  skipped?: string;
  stateProblems: number;
}

/**
 * The scheduled audit (EventBridge schedule): every configured cluster, live, diffed against the stored previous
 * reports, published per `alerts`, stored. A config error or a publishing failure fails the invocation (logged
 * without a stack trace in the message; the function's Errors alarm notifies the topic), and the state is then left
 * as it was, so the retry alerts again.
 */
export function createScheduledAuditHandler(runtime: HandlerRuntime) {
  const { logger, metrics } = runtime;
  return middy(async (_event: unknown, context: Context): Promise<ScheduledAuditResponse> => {
    const started = Date.now();
    const config = await runtime.config().catch((error: unknown) => {
      logger.error('the audit config is invalid', { reason: describeError(error) });
      throw error;
    });
    const result = await runScheduledAudit({
      config,
      sourceFactory: () => runtime.liveSource(context),
      ...(runtime.store === undefined ? {} : { store: runtime.store }),
      publisher: runtime.publisher,
      toolVersion: runtime.toolVersion,
    }).catch((error: unknown) => {
      logger.error('the scheduled audit failed', { reason: describeError(error) });
      throw error;
    });

    const { report, delivery } = result;
    for (const problem of result.stateProblems) logger.warn('previous-report store problem', { key: problem.key, operation: problem.operation, reason: problem.message });
    recordAuditMetrics(metrics, report, { durationMs: Date.now() - started, published: result.published, stateProblems: result.stateProblems.length });
    logger.info('scheduled audit finished', { runId: report.runId, summary: report.summary, published: result.published, skipped: delivery.skipped, topicArn: delivery.topicArn });
    return {
      runId: report.runId,
      summary: report.summary,
      published: result.published,
      ...(delivery.skipped === undefined ? {} : { skipped: delivery.skipped }),
      stateProblems: result.stateProblems.length,
    };
  })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

/** The Lambda entry point; its clients are built once per container. */
export const handler = createScheduledAuditHandler(createRuntime());
