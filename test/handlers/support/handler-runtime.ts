import { jest } from '@jest/globals';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { loadConfig } from '../../../lib/adapters/config/index.js';
import { SnapshotAccountSource } from '../../../lib/adapters/snapshot/snapshot-account-source.js';
import { MemoryReportStore } from '../../../lib/adapters/state/memory-report-store.js';
import type { AlertPublisher, ReportStore } from '../../../lib/app/delivery-ports.js';
import { withLocalDecisions } from '../../../lib/app/with-local-decisions.js';
import type { AuditConfig } from '../../../lib/domain/config/schema.js';
import type { HandlerRuntime } from '../../../handlers/support/runtime.js';
import { FakePublisher } from '../../support/fake-delivery.js';

/** The demo account (fixtures/demo) standing in for the live account. */
export const DEMO_SNAPSHOT = 'fixtures/demo/snapshot';
export const DEMO_CONFIG = 'fixtures/demo/config.yaml';

/** A Lambda context with the fields Powertools reads. */
export function aLambdaContext(remainingMs = 120_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'kube-aws-audit-dev-audit',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-west-1:123456789012:function:kube-aws-audit-dev-audit',
    memoryLimitInMB: '512',
    awsRequestId: '11111111-2222-3333-4444-555555555555',
    logGroupName: '/aws/lambda/kube-aws-audit-dev-audit',
    logStreamName: '2026/05/01/[$LATEST]abc',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A runtime over the demo snapshot, a fake publisher and an in-memory store; metrics recorded, not printed. */
export function aRuntime(overrides: { config?: () => Promise<AuditConfig>; store?: ReportStore | null; publisher?: AlertPublisher } = {}) {
  const metrics = new Metrics({ namespace: 'test', serviceName: 'kube-aws-audit' });
  const added: { name: string; value: number }[] = [];
  jest.spyOn(metrics, 'addMetric').mockImplementation((name, _unit, value) => {
    added.push({ name, value });
    return metrics;
  });
  jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  jest.spyOn(metrics, 'captureColdStartMetric').mockImplementation(() => metrics);
  const logger = new Logger({ serviceName: 'kube-aws-audit', logLevel: 'SILENT' });
  const publisher = overrides.publisher ?? new FakePublisher();
  const store = overrides.store === null ? undefined : (overrides.store ?? new MemoryReportStore());
  const runtime: HandlerRuntime = {
    logger,
    metrics,
    publisher,
    ...(store === undefined ? {} : { store }),
    toolVersion: '1.2.3',
    config: overrides.config ?? (() => loadConfig(DEMO_CONFIG, {})),
    liveSource: () => withLocalDecisions(new SnapshotAccountSource(DEMO_SNAPSHOT)),
  };
  return { runtime, added, publisher, store, logger };
}
