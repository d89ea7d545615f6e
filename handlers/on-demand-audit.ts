import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { InputError } from '../lib/app/errors.js';
import { runOnDemandAudit } from '../lib/app/on-demand-audit.js';
import { describeError } from '../lib/domain/describe-error.js';
import { exitCodeFor } from '../lib/domain/report/build-report.js';
import { orderReport } from '../lib/domain/report/render/json.js';
import { AUDIT_METRICS, recordAuditMetrics } from './support/audit-metrics.js';
import { InvalidEventError, parseOnDemandEvent } from './support/on-demand-event.js';
import { ClusterStateReportView } from '../lib/adapters/state/cluster-state-report-view.js';
import { createRuntime, validatedAtColdStart, type HandlerRuntime } from './support/runtime.js';

/** Lambda's limit on a synchronous invocation's response (6 MB), less room for the envelope. */
export const RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024 - 64 * 1024;

/** Codes of the structured error response. */
export const ON_DEMAND_ERROR_CODES = {
  invalidEvent: 'InvalidEvent',
  invalidConfig: 'InvalidConfig',
  invalidInput: 'InvalidInput',
} as const;

/** The response to a request that cannot be audited: no stack trace, a message naming the event key or config path. */
export interface OnDemandErrorResponse {
  error: { code: (typeof ON_DEMAND_ERROR_CODES)[keyof typeof ON_DEMAND_ERROR_CODES]; message: string };
}

/**
 * The Report JSON (contract), plus `exitCode` (as the CLI's) when the event set `failOn`. Above Lambda's 6 MB
 * response limit: the report without findings, `truncated: true` and `reportLocation` (where the whole report was
 * stored), instead of an invocation error.
 */
export type OnDemandResponse = Record<string, unknown> | OnDemandErrorResponse;

/**
 * The on-demand audit (`aws lambda invoke --payload '{"clusters":["prod-east"],"checks":["iam"]}'`): validates the
 * event, audits live, compares with the scheduled runs' stored reports (read only), publishes when `publish` is
 * true, and returns the Report JSON. An invalid event or config is answered with
 * `{ "error": { "code", "message" } }`; anything else that stops the audit fails the invocation.
 */
export function createOnDemandAuditHandler(runtime: HandlerRuntime, options: { responseLimitBytes?: number } = {}) {
  const { logger, metrics } = runtime;
  return middy(async (event: unknown, context: Context): Promise<OnDemandResponse> => {
    const started = Date.now();
    let config;
    try {
      config = await runtime.config();
    } catch (error) {
      if (error instanceof InputError) return failure(runtime, ON_DEMAND_ERROR_CODES.invalidConfig, error.message);
      throw error;
    }
    let request;
    try {
      request = parseOnDemandEvent(event, config);
    } catch (error) {
      if (error instanceof InvalidEventError) return failure(runtime, ON_DEMAND_ERROR_CODES.invalidEvent, error.message);
      throw error;
    }

    let result;
    try {
      result = await runOnDemandAudit({
        config,
        source: runtime.liveSource(context),
        ...(request.clusters === undefined ? {} : { clusters: request.clusters }),
        ...(request.families === undefined ? {} : { families: request.families }),
        publish: request.publish,
        ...(runtime.clusterStore !== undefined
          ? { store: new ClusterStateReportView(runtime.clusterStore, config.clusters) }
          : runtime.store === undefined ? {} : { store: runtime.store }),
        publisher: runtime.publisher,
        toolVersion: runtime.toolVersion,
      });
    } catch (error) {
      if (error instanceof InputError) return failure(runtime, ON_DEMAND_ERROR_CODES.invalidInput, error.message);
      logger.error('the on-demand audit failed', { reason: describeError(error) });
      throw error;
    }

    const { report } = result;
    recordAuditMetrics(metrics, report, { durationMs: Date.now() - started, published: result.published });
    logger.info('on-demand audit finished', { runId: report.runId, summary: report.summary, published: result.published, skipped: result.delivery?.skipped });
    const json = orderReport(report);
    const response = request.failOn === undefined ? json : { ...json, exitCode: exitCodeFor(report, request.failOn) };
    const bytes = Buffer.byteLength(JSON.stringify(response), 'utf8');
    if (bytes <= (options.responseLimitBytes ?? RESPONSE_LIMIT_BYTES)) return response;
    if (runtime.clusterStore === undefined) throw new Error(`the report (${bytes} bytes) exceeds Lambda's 6 MB response limit and STATE_BUCKET is not set to store it`);
    const location = await runtime.clusterStore.putRunReport('on-demand', report.runId, report);
    logger.warn('the report exceeds the 6 MB response limit; returning its summary and location', { runId: report.runId, bytes, reportLocation: location.uri });
    const { findings: _omitted, ...rest } = response as Record<string, unknown> & { findings?: unknown };
    return { ...rest, findings: [], truncated: true, findingsOmitted: report.findings.length, reportLocation: location };
  })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}

function failure(runtime: HandlerRuntime, code: OnDemandErrorResponse['error']['code'], message: string): OnDemandErrorResponse {
  runtime.logger.warn('on-demand request rejected', { code, reason: message });
  runtime.metrics.addMetric(AUDIT_METRICS.rejected, MetricUnit.Count, 1);
  return { error: { code, message } };
}

/** The Lambda entry point; its clients are built once per container. */
export const handler = createOnDemandAuditHandler(validatedAtColdStart(createRuntime()));
