import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type { AwsClients, ClientFactory, ClientOptions } from '../../../lib/adapters/aws/create-clients.js';

export interface FakeAwsClientOptions {
  /** Delay before every retry, in ms (the SDK's own backoff waits up to seconds on throttling). Default 5. */
  retryDelayMs?: number;
  /** Overrides the attempts the source asks for (its `maxAttempts` option). */
  maxAttempts?: number;
}

/**
 * A {@link ClientFactory} for the live adapters that points every real SDK client at the loopback fake and retries
 * with the SDK's standard strategy (same retry decisions: throttling, 5xx, timeouts; same retry quota) but a short
 * fixed backoff, so fault tests do not wait for the production backoff of up to 20 s.
 */
export function fakeAwsClientFactory(endpoint: string, options: FakeAwsClientOptions = {}): ClientFactory & { created: AwsClients[] } {
  const created: AwsClients[] = [];
  const factory = (client: ClientOptions): AwsClients => {
    const attempts = options.maxAttempts ?? client.maxAttempts ?? 3;
    const config = () => ({
      region: client.region,
      endpoint,
      retryStrategy: new ConfiguredRetryStrategy(attempts, options.retryDelayMs ?? 5),
      ...(client.credentials === undefined ? {} : { credentials: client.credentials }),
    });
    const clients = { iam: new IAMClient(config()), ec2: new EC2Client(config()), sts: new STSClient(config()), sns: new SNSClient(config()) };
    created.push(clients);
    return clients;
  };
  return Object.assign(factory, { created });
}

/** Destroys every client a factory created (closes their sockets to the fake). */
export function destroyClients(factory: { created: AwsClients[] }): void {
  for (const c of factory.created.splice(0)) {
    c.iam.destroy();
    c.ec2.destroy();
    c.sts.destroy();
    c.sns.destroy();
  }
}

/** SNS, SQS and S3 clients of the loopback fake (path-style S3, short retry backoff). Destroy them after use. */
export function fakeMessagingClients(endpoint: string, options: FakeAwsClientOptions = {}): { sns: SNSClient; sqs: SQSClient; s3: S3Client } {
  const config = () => ({ region: 'us-west-1', endpoint, retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts ?? 3, options.retryDelayMs ?? 5) });
  return { sns: new SNSClient(config()), sqs: new SQSClient(config()), s3: new S3Client({ ...config(), forcePathStyle: true }) };
}
