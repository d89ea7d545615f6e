import { describe, expect, it, jest } from '@jest/globals';
import type { AwsClients, ClientOptions } from '../../../lib/adapters/aws/create-clients.js';
import { S3ReportStore } from '../../../lib/adapters/state/s3-report-store.js';
import { SnsPublisher } from '../../../lib/adapters/sns/sns-publisher.js';
import { LiveAccountSource } from '../../../lib/adapters/live/live-account-source.js';
import { createRuntime, memoizedClientFactory } from '../../../handlers/support/runtime.js';

const YAML = 'clusters:\n  - name: prod-east\n    region: us-west-1\n    roles: { worker: arn:aws:iam::123456789012:role/k8s-worker }\n';

describe('createRuntime', () => {
  it('builds the publisher, and the S3 stores only when STATE_BUCKET is set', () => {
    const withBucket = createRuntime({ STATE_BUCKET: 'state-bucket', STATE_PREFIX: 'p/', TOOL_VERSION: '0.1.0', AUDIT_QUEUE_URL: 'https://sqs.us-west-1.amazonaws.com/123456789012/q', ALERT_TOPIC_ARN: 'arn:aws:sns:us-west-1:123456789012:t' });
    const without = createRuntime({});

    expect(withBucket.publisher).toBeInstanceOf(SnsPublisher);
    expect(withBucket.store).toBeInstanceOf(S3ReportStore);
    // The on-demand audit reads the workers' per-cluster states.
    expect(withBucket.store?.location).toBe('s3://state-bucket/p/state/');
    expect(withBucket.clusterStore?.location).toBe('s3://state-bucket/p/');
    expect(withBucket.queue).toBeDefined();
    expect(withBucket.topicArn).toBe('arn:aws:sns:us-west-1:123456789012:t');
    expect(without.clusterStore).toBeUndefined();
    expect(without.queue).toBeUndefined();
    expect(withBucket.toolVersion).toBe('0.1.0');
    expect(without.store).toBeUndefined();
    expect(without.toolVersion).toBe('unknown');
  });

  it('parses the config once, and again after a failure', async () => {
    const env: NodeJS.ProcessEnv = { CONFIG: 'clusters: [' };
    const runtime = createRuntime(env);

    await expect(runtime.config()).rejects.toThrow(/^CONFIG: /);
    env.CONFIG = YAML;
    const first = await runtime.config();
    env.CONFIG = 'clusters: [';

    await expect(runtime.config()).resolves.toBe(first);
  });

  it('gives each invocation a live source', () => {
    const runtime = createRuntime({});

    expect(runtime.liveSource({ getRemainingTimeInMillis: () => 300_000 })).toBeInstanceOf(LiveAccountSource);
  });
});

describe('memoizedClientFactory', () => {
  const fakeClients = () => ({}) as AwsClients;

  it('reuses the clients of the default credentials per region and retry settings', () => {
    const factory = jest.fn((_options: ClientOptions) => fakeClients());
    const memo = memoizedClientFactory(factory);

    const a = memo({ region: 'us-west-1', maxAttempts: 6, retryMode: 'adaptive' });
    const b = memo({ region: 'us-west-1', maxAttempts: 6, retryMode: 'adaptive' });
    const c = memo({ region: 'eu-west-1', maxAttempts: 6, retryMode: 'adaptive' });

    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('builds new clients for assumed-role credentials', () => {
    const factory = jest.fn((_options: ClientOptions) => fakeClients());
    const memo = memoizedClientFactory(factory);
    const credentials = async () => ({ accessKeyId: 'a', secretAccessKey: 'b' });

    memo({ region: 'us-west-1', credentials });
    memo({ region: 'us-west-1', credentials });

    expect(factory).toHaveBeenCalledTimes(2);
  });
});
