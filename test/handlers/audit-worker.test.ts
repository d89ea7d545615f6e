import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSEvent } from 'aws-lambda';
import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { MemoryClusterStateStore } from '../../lib/adapters/state/memory-cluster-state-store.js';
import type { ClusterJob } from '../../lib/app/cluster-job.js';
import type { JobQueue } from '../../lib/app/dispatch.js';
import { ConfigError } from '../../lib/app/errors.js';
import type { SnsMessage } from '../../lib/domain/report/sns-message.js';
import { createAuditWorkerHandler } from '../../handlers/audit-worker.js';
import { createDispatchHandler } from '../../handlers/dispatch.js';
import { loadHandlerConfig } from '../../handlers/support/handler-config.js';
import { createOnDemandAuditHandler, RESPONSE_LIMIT_BYTES } from '../../handlers/on-demand-audit.js';
import { FakePublisher } from '../support/fake-delivery.js';
import { aLambdaContext, aRuntime, DEMO_CONFIG } from './support/handler-runtime.js';

const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';

function job(overrides: Partial<ClusterJob> = {}): ClusterJob {
  return { version: 1, runId: 'run-1', scheduledAt: '2026-12-01T00:00:00.000Z', cluster: 'prod-east', region: 'us-west-1', account: '123456789012', ...overrides };
}

function sqsEvent(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${i + 1}`,
      receiptHandle: `r-${i + 1}`,
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-west-1:123456789012:audit',
      awsRegion: 'us-west-1',
    })),
  };
}

/** A logger that records every line it would print. */
function recordingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = new Logger({ serviceName: 'kube-aws-audit', logLevel: 'DEBUG' });
  const write = (line: unknown) => {
    lines.push(JSON.parse(String(line)) as Record<string, unknown>);
  };
  jest.spyOn(logger as unknown as { printLog: (level: number, log: { getAttributes(): Record<string, unknown> }) => void }, 'printLog').mockImplementation((_level, log) => write(JSON.stringify(log.getAttributes())));
  return { logger, lines };
}

describe('auditWorker handler', () => {
  it('audits the job\'s cluster, publishes its alert, and logs runId, cluster and account on every line', async () => {
    // Arrange
    const { runtime, publisher } = aRuntime();
    const { logger, lines } = recordingLogger();
    const store = new MemoryClusterStateStore();
    const handler = createAuditWorkerHandler({ ...runtime, logger, clusterStore: store, topicArn: TOPIC });

    // Act
    const response = await handler(sqsEvent(JSON.stringify(job())), aLambdaContext());

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    const messages = (publisher as FakePublisher).messages();
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0]!.messageAttributes.cluster!.StringValue)).toEqual(['prod-east']);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ runId: 'run-1', cluster: 'prod-east', account: '123456789012' });
    // No credentials, no policy documents at info.
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/SecretAccessKey|SessionToken|"Statement"/u);
  });

  it('reports an invalid job and a job for an unknown cluster as batch item failures (SQS retries, then the DLQ)', async () => {
    const { runtime } = aRuntime();
    const handler = createAuditWorkerHandler({ ...runtime, clusterStore: new MemoryClusterStateStore(), topicArn: TOPIC });

    const response = await handler(sqsEvent('{not json', JSON.stringify(job({ cluster: 'gone' })), JSON.stringify(job())), aLambdaContext());

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }] });
  });

  it('as the last guard before the Lambda timeout, publishes the cluster as not checked instead of timing out silently', async () => {
    // Arrange: an audit that never finishes, 150 ms before the timeout guard fires.
    const { runtime, publisher } = aRuntime();
    const never = { mode: 'live' as const, collect: () => new Promise<never>(() => undefined) };
    const handler = createAuditWorkerHandler({ ...runtime, liveSource: () => never, clusterStore: new MemoryClusterStateStore(), topicArn: TOPIC }, { timeoutGuardMs: 50 });

    // Act
    const response = await handler(sqsEvent(JSON.stringify(job())), aLambdaContext(200));

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    const [message] = (publisher as FakePublisher).messages() as SnsMessage[];
    expect(message?.subject).toMatch(/error/u);
    const email = (JSON.parse(message!.message) as { email: string }).email;
    expect(email).toContain("did not finish within the worker's Lambda timeout");
    expect(email).toContain('COULD NOT CHECK');
  });
});

describe('dispatch handler', () => {
  it('queues one job per configured cluster with one run id', async () => {
    const { runtime } = aRuntime();
    const sent: ClusterJob[] = [];
    const queue: JobQueue = { send: async (jobs) => (sent.push(...jobs), jobs.length) };
    const handler = createDispatchHandler({ ...runtime, queue });

    const response = (await handler({}, aLambdaContext())) as { runId: string; jobs: number };

    expect(response.jobs).toBe(2);
    expect(sent.map((j) => [j.cluster, j.region, j.account, j.runId])).toEqual([
      ['prod-east', 'us-west-1', '123456789012', response.runId],
      ['staging', 'us-west-1', '123456789012', response.runId],
    ]);
  });

  it('fails the invocation (and so its errors alarm) when the config is invalid', async () => {
    const { runtime } = aRuntime({ config: () => Promise.reject(new ConfigError('config.yaml: clusters[0].region: expected an AWS region', 'config.yaml')) });
    const handler = createDispatchHandler({ ...runtime, queue: { send: async () => 0 } });

    await expect(handler({}, aLambdaContext())).rejects.toThrow('clusters[0].region');
  });
});

describe('handler config sources', () => {
  const yaml = 'clusters:\n  - name: prod-east\n    region: us-west-1\n    roles: { worker: arn:aws:iam::123456789012:role/k8s-worker }\n';

  it('reads the SSM parameter with decryption and fills in the service topic', async () => {
    const send = jest.fn(async (command: unknown) => ({ Parameter: { Value: yaml, Name: (command as GetParameterCommand).input.Name } }));

    const config = await loadHandlerConfig({ CONFIG_PARAMETER: '/kube-aws-audit/config', ALERT_TOPIC_ARN: TOPIC }, { ssm: { send } as never });

    expect((send.mock.calls[0]![0] as GetParameterCommand).input).toEqual({ Name: '/kube-aws-audit/config', WithDecryption: true });
    expect(config.alerts?.topicArn).toBe(TOPIC);
  });

  it('names the parameter and the field of an invalid config', async () => {
    const send = async () => ({ Parameter: { Value: yaml.replace('us-west-1', 'mars-1') } });

    await expect(loadHandlerConfig({ CONFIG_PARAMETER: '/kube-aws-audit/config' }, { ssm: { send } as never })).rejects.toThrow(/^SSM parameter \/kube-aws-audit\/config: clusters\[0\]\.region: /u);
  });

  it('names the parameter when it cannot be read', async () => {
    const send = async () => Promise.reject(Object.assign(new Error('User is not authorized to perform: ssm:GetParameter'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));

    await expect(loadHandlerConfig({ CONFIG_PARAMETER: '/kube-aws-audit/config' }, { ssm: { send } as never })).rejects.toThrow(/cannot read the config from SSM parameter \/kube-aws-audit\/config: AccessDeniedException/u);
  });

  it('refuses a config that names another topic than the service publishes to, naming both', async () => {
    const other = 'arn:aws:sns:us-west-1:123456789012:somewhere-else';

    await expect(loadHandlerConfig({ CONFIG: `${yaml}alerts:\n  topicArn: ${other}\n`, ALERT_TOPIC_ARN: TOPIC })).rejects.toThrow(`alerts.topicArn is ${other}, but this service publishes only to its topic ${TOPIC}`);
  });

  it('treats a suppression with a malformed expires as expired instead of stopping the service, and says which and why', async () => {
    // Arrange: the demo's prod-east suppression, with an impossible date.
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(DEMO_CONFIG, 'utf8').replace('expires: 2026-10-31', 'expires: 2026-13-45');
    const config = await loadHandlerConfig({ CONFIG: text, ALERT_TOPIC_ARN: TOPIC });
    const { runtime, publisher } = aRuntime({ config: async () => config });
    const handler = createAuditWorkerHandler({ ...runtime, clusterStore: new MemoryClusterStateStore(), topicArn: TOPIC });

    // Act
    const response = await handler(sqsEvent(JSON.stringify(job())), aLambdaContext());

    // Assert: the run goes on, the suppressed finding is reported, the cluster note names the suppression.
    expect(response).toEqual({ batchItemFailures: [] });
    const email = (JSON.parse((publisher as FakePublisher).messages()[0]!.message) as { email: string }).email;
    expect(email).toContain('tags.sg.none-tagged');
    expect(email).toMatch(/suppression of tags\.sg\.none-tagged on i-0bd747268d50e6f9a .*clusters\[0\]\.suppressions\[0\]\.expires "2026-13-45" in CONFIG is not a date YYYY-MM-DD, so this suppression is treated as expired/su);
    // The CLI still rejects it (a person fixes it at once): exit 2 through parseConfig.
    const { parseConfig } = await import('../../lib/adapters/config/index.js');
    expect(() => parseConfig(text, 'config.yaml', {})).toThrow(/clusters\[0\]\.suppressions\[0\]\.expires/u);
  });

  it('reads the bundled file when no parameter is set', async () => {
    const config = await loadHandlerConfig({ CONFIG_FILE: DEMO_CONFIG, ALERT_TOPIC_ARN: 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit' });

    expect(config).toEqual(await loadConfig(DEMO_CONFIG, {}));
  });
});

describe('onDemandAudit above the 6 MB response limit', () => {
  it('stores the report and returns its summary and location', async () => {
    // Arrange: a limit the demo report exceeds, standing in for 6 MB.
    const { runtime } = aRuntime();
    const store = new MemoryClusterStateStore();
    const handler = createOnDemandAuditHandler({ ...runtime, clusterStore: store }, { responseLimitBytes: 1_000 });

    // Act
    const response = (await handler({ clusters: ['prod-east'] }, aLambdaContext())) as Record<string, unknown> & { summary: Record<string, number>; findings: unknown[]; reportLocation: { uri: string; key: string } };

    // Assert
    expect(RESPONSE_LIMIT_BYTES).toBeLessThan(6 * 1024 * 1024);
    expect(response).toMatchObject({ truncated: true, findings: [] });
    expect(response.summary.high).toBeGreaterThan(0);
    const stored = JSON.parse(store.objects.get(response.reportLocation.key)!.body) as { findings: unknown[] };
    expect(stored.findings).toHaveLength(response.findingsOmitted as number);
  });
});
