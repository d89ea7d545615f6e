import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { createScheduledAuditHandler } from '../../handlers/scheduled-audit.js';
import { createRuntime } from '../../handlers/support/runtime.js';
import { ConfigError } from '../../lib/app/errors.js';
import { destroyClients, fakeAwsClientFactory } from '../support/fake-aws/fake-aws-clients.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { FakePublisher } from '../support/fake-delivery.js';
import { aLambdaContext, aRuntime } from './support/handler-runtime.js';

describe('scheduled audit handler', () => {
  it('audits, publishes the changes, stores the state and answers with the run summary', async () => {
    // Arrange
    const { runtime, publisher, added } = aRuntime();
    const handler = createScheduledAuditHandler(runtime);

    // Act
    const response = await handler({}, aLambdaContext());

    // Assert
    const messages = (publisher as FakePublisher).messages();
    expect(messages.length).toBeGreaterThan(0);
    expect(response).toMatchObject({ runId: expect.any(String), published: messages.length, stateProblems: 0 });
    expect(response.summary.new).toBeGreaterThan(0);
    expect(messages[0]?.subject).toMatch(new RegExp(`^\\[CRITICAL\\] kube-aws-audit prod-east \\+1( \\(1/\\d\\))?: ${response.summary.new} new, 0 resolved`));
    expect(added.map((m) => m.name)).toEqual(expect.arrayContaining(['FindingsCritical', 'FindingsCouldNotCheck', 'FindingsNew', 'FindingsResolved', 'AuditDuration', 'AlertMessagesPublished']));
    expect(added.find((m) => m.name === 'FindingsNew')?.value).toBe(response.summary.new);
  });

  it('publishes nothing on the next, unchanged run (mode changes)', async () => {
    const { runtime, publisher } = aRuntime();
    const handler = createScheduledAuditHandler(runtime);
    await handler({}, aLambdaContext());

    const second = await handler({}, aLambdaContext());

    expect(second).toMatchObject({ published: 0, skipped: 'nothing-to-report' });
    expect(second.summary.new).toBe(0);
    expect((publisher as FakePublisher).published).toHaveLength(1);
  });

  it('fails the invocation on an invalid config, logging what is wrong', async () => {
    const invalid = new ConfigError('CONFIG: clusters[0].region: expected an AWS region like us-west-1', 'CONFIG', 'clusters[0].region');
    const { runtime, logger } = aRuntime({ config: () => Promise.reject(invalid) });
    const error = jest.spyOn(logger, 'error');

    await expect(createScheduledAuditHandler(runtime)({}, aLambdaContext())).rejects.toBe(invalid);
    expect(error).toHaveBeenCalledWith('the audit config is invalid', { reason: 'ConfigError: CONFIG: clusters[0].region: expected an AWS region like us-west-1' });
  });

  it('fails the invocation when publishing fails, so the retry alerts again', async () => {
    const { runtime, store } = aRuntime({ publisher: new FakePublisher(new Error('sns:Publish to arn failed: AuthorizationError')) });

    await expect(createScheduledAuditHandler(runtime)({}, aLambdaContext())).rejects.toThrow('AuthorizationError');
    await expect(store?.get('123456789012/us-west-1')).resolves.toBeUndefined();
  });
});

describe('scheduled audit handler, deployed shape (live engine over loopback AWS, SNS and S3 mocked)', () => {
  const sns = mockClient(SNSClient);
  const s3 = mockClient(S3Client);
  let fake: FakeAws;
  let clients: ReturnType<typeof fakeAwsClientFactory>;

  beforeAll(async () => {
    fake = await FakeAws.start({ snapshotDir: 'test/fixtures/fake-aws/tiny' });
    clients = fakeAwsClientFactory(fake.url);
  });

  afterAll(async () => {
    destroyClients(clients);
    await fake.stop();
  });

  beforeEach(() => {
    sns.reset();
    s3.reset();
  });

  it('reads CONFIG, collects live, loads the state from S3, publishes to ALERT_TOPIC_ARN and stores the state', async () => {
    // Arrange
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    s3.on(PutObjectCommand).resolves({});
    const runtime = createRuntime({
      CONFIG: 'clusters:\n  - name: prod\n    region: us-west-1\n    account: "123456789012"\n    roles: { worker: arn:aws:iam::123456789012:role/worker }\n',
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit-alerts',
      STATE_BUCKET: 'kube-aws-audit-state',
      TOOL_VERSION: '0.1.0',
    }, { clientFactory: clients });
    jest.spyOn(runtime.metrics, 'publishStoredMetrics').mockImplementation(() => runtime.metrics);
    jest.spyOn(runtime.metrics, 'captureColdStartMetric').mockImplementation(() => runtime.metrics);

    // Act
    const response = await createScheduledAuditHandler(runtime)({}, aLambdaContext());

    // Assert
    expect(response.published).toBe(1);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'kube-aws-audit-state', Key: 'reports/123456789012/us-west-1.json' });
    const stored = JSON.parse(String(s3.commandCalls(PutObjectCommand)[0]?.args[0].input.Body)) as { mode: string; tool: { version: string }; clusters: { name: string }[] };
    expect(stored).toMatchObject({ mode: 'live', tool: { version: '0.1.0' }, clusters: [{ name: 'prod' }] });
    const publish = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(publish).toMatchObject({ TopicArn: 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit-alerts', MessageStructure: 'json' });
    expect(publish?.MessageAttributes?.cluster).toEqual({ DataType: 'String', StringValue: 'prod' });
    expect(JSON.parse(JSON.parse(publish?.Message ?? '{}').sqs)).toMatchObject({ runId: response.runId, mode: 'live' });
  });
});
