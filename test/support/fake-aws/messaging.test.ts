import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { FakeAws } from './fake-aws-server.js';
import { fakeMessagingClients } from './fake-aws-clients.js';

describe('FakeAws messaging (SNS query, SQS JSON 1.0, S3 REST-XML) through the real SDK', () => {
  let fake: FakeAws;
  let sns: SNSClient;
  let sqs: SQSClient;
  let s3: S3Client;
  beforeAll(async () => {
    fake = await FakeAws.start({ snapshotDir: 'test/fixtures/fake-aws/tiny' });
    ({ sns, sqs, s3 } = fakeMessagingClients(fake.url));
  });
  afterAll(async () => {
    sns.destroy(); sqs.destroy(); s3.destroy();
    await fake.stop();
  });

  async function queue(name: string, attributes: Record<string, string> = {}) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
  }

  it('SNS delivers each protocol its key of a MessageStructure json message, honouring String.Array filter policies', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
    const all = await queue('all');
    const east = await queue('east');
    const west = await queue('west');
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: all.arn }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: east.arn, Attributes: { FilterPolicy: JSON.stringify({ cluster: ['prod-east'] }), RawMessageDelivery: 'true' } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: west.arn, Attributes: { FilterPolicy: JSON.stringify({ cluster: ['prod-west'] }) } }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'https', Endpoint: 'https://chat.example/hook' }));
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'email', Endpoint: 'ops@example.com' }));
    await sns.send(new PublishCommand({
      TopicArn,
      Subject: 'hello',
      MessageStructure: 'json',
      Message: JSON.stringify({ default: 'text', sqs: '{"k":1}', https: 'card' }),
      MessageAttributes: { cluster: { DataType: 'String.Array', StringValue: '["prod-east","staging"]' } },
    }));
    const got = async (url: string) => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages ?? [];
    const [wrapped] = await got(all.url);
    expect(JSON.parse(wrapped!.Body!)).toMatchObject({ Type: 'Notification', Subject: 'hello', Message: '{"k":1}', MessageAttributes: { cluster: { Type: 'String.Array', Value: '["prod-east","staging"]' } } });
    const [raw] = await got(east.url);
    expect(raw!.Body).toBe('{"k":1}');
    expect(await got(west.url)).toEqual([]);
    expect(fake.messaging.deliveries.map((d) => [d.protocol, d.message])).toEqual([['https', 'card'], ['email', 'text']]);
  });

  it('SNS rejects a message over 256 KiB and a json structure without default', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'limits' }));
    await expect(sns.send(new PublishCommand({ TopicArn, Message: 'x'.repeat(262_145) }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    await expect(sns.send(new PublishCommand({ TopicArn, MessageStructure: 'json', Message: '{"email":"x"}' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('SQS hides a received message for its visibility timeout and redrives it to the DLQ after maxReceiveCount receives', async () => {
    const dlq = await queue('work-dlq');
    const work = await queue('work', { VisibilityTimeout: '60', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 }) });
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: work.url, Entries: [{ Id: '1', MessageBody: 'job' }] }));
    const receive = async (url: string) => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }))).Messages ?? [];
    const counts: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const [m] = await receive(work.url);
      counts.push(m!.Attributes!.ApproximateReceiveCount!);
      expect(await receive(work.url)).toEqual([]); // invisible
      fake.messaging.advance(61_000);
    }
    expect(counts).toEqual(['1', '2', '3']);
    expect(await receive(work.url)).toEqual([]);
    const [dead] = await receive(dlq.url);
    expect(dead!.Body).toBe('job');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: dlq.url, ReceiptHandle: dead!.ReceiptHandle }));
  });

  it('S3 conditional PUT answers 412 to a stale If-Match and to If-None-Match on an existing key', async () => {
    fake.messaging.createBucket('state');
    const first = await s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'a/b.json', Body: '{"v":1}', IfNoneMatch: '*' }));
    await expect(s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'a/b.json', Body: '{"v":9}', IfNoneMatch: '*' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    const second = await s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'a/b.json', Body: '{"v":2}', IfMatch: first.ETag }));
    await expect(s3.send(new PutObjectCommand({ Bucket: 'state', Key: 'a/b.json', Body: '{"v":3}', IfMatch: first.ETag }))).rejects.toMatchObject({ name: 'PreconditionFailed' });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'state', Key: 'a/b.json' }));
    expect(got.ETag).toBe(second.ETag);
    expect(await got.Body!.transformToString()).toBe('{"v":2}');
    await expect(s3.send(new GetObjectCommand({ Bucket: 'state', Key: 'missing.json' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('injected failures answer the Nth calls of an operation', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'faulty' }));
    const client = new SNSClient({ endpoint: fake.url, region: 'us-west-1', retryStrategy: new ConfiguredRetryStrategy(1, 1) });
    fake.setFaults({ failCalls: [{ action: 'Publish', calls: [2] }] });
    await client.send(new PublishCommand({ TopicArn, Message: 'one' }));
    await expect(client.send(new PublishCommand({ TopicArn, Message: 'two' }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    await client.send(new PublishCommand({ TopicArn, Message: 'three' }));
    fake.setFaults({});
    client.destroy();
  });
});
