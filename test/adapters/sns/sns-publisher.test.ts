import { beforeEach, describe, expect, it } from '@jest/globals';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsPublishError } from '../../../lib/adapters/sns/errors.js';
import { SnsPublisher } from '../../../lib/adapters/sns/sns-publisher.js';
import { changesWithoutPrevious } from '../../../lib/domain/findings/diff.js';
import { buildSnsMessages, type SnsMessage } from '../../../lib/domain/report/sns-message.js';
import { aMixedReport } from '../../support/findings.js';
import { awsError } from '../aws/support/recorded.js';

const sns = mockClient(SNSClient);
const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';

function message(index: number, count: number): SnsMessage {
  const [built] = buildSnsMessages(aMixedReport(), { minSeverity: 'medium', mode: 'all', format: 'text', changes: changesWithoutPrevious(aMixedReport().findings) }) as [SnsMessage];
  return { ...built, subject: `${built.subject} ${index}`, part: { index, count }, deduplicationId: `${index}of${count}-run-0001` };
}

describe('SnsPublisher', () => {
  beforeEach(() => {
    sns.reset();
  });

  it('declares the one action it calls', () => {
    expect(SnsPublisher.permissions).toEqual(['sns:Publish']);
  });

  it('publishes each message in order with MessageStructure json, its subject and its attributes', async () => {
    // Arrange
    sns.on(PublishCommand).resolvesOnce({ MessageId: 'm-1' }).resolvesOnce({ MessageId: 'm-2' });
    const messages = [message(1, 2), message(2, 2)];

    // Act
    const ids = await new SnsPublisher({ client: new SNSClient({}) }).publish(TOPIC, messages);

    // Assert
    expect(ids).toEqual(['m-1', 'm-2']);
    const inputs = sns.commandCalls(PublishCommand).map((c) => c.args[0].input);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toEqual({
      TopicArn: TOPIC,
      Subject: messages[0]?.subject,
      Message: messages[0]?.message,
      MessageStructure: 'json',
      MessageAttributes: {
        severity: { DataType: 'String.Array', StringValue: '["critical"]' },
        cluster: { DataType: 'String.Array', StringValue: '["prod-east"]' },
        account: { DataType: 'String.Array', StringValue: '["123456789012"]' },
        findings: { DataType: 'Number', StringValue: '5' },
        new: { DataType: 'Number', StringValue: '5' },
        check: { DataType: 'String.Array', StringValue: expect.stringMatching(/^\["iam\.excess\.admin",/) },
      },
    });
    expect(inputs[1]?.Subject).toBe(messages[1]?.subject);
    expect(Object.keys(JSON.parse(inputs[0]?.Message ?? '{}') as object).sort()).toEqual(['default', 'email', 'https', 'lambda', 'sqs']);
  });

  it('sets one message group and each part’s deduplication id on a FIFO topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });

    await new SnsPublisher({ client: new SNSClient({}) }).publish(`${TOPIC}.fifo`, [message(1, 1)]);

    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toMatchObject({ MessageGroupId: 'kube-aws-audit', MessageDeduplicationId: '1of1-run-0001' });
  });

  it('sets no FIFO fields on a standard topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });

    await new SnsPublisher({ client: new SNSClient({}) }).publish(TOPIC, [message(1, 1)]);

    const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input?.MessageGroupId).toBeUndefined();
    expect(input?.MessageDeduplicationId).toBeUndefined();
  });

  it('publishes nothing for no messages', async () => {
    await expect(new SnsPublisher({ client: new SNSClient({}) }).publish(TOPIC, [])).resolves.toEqual([]);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('names the topic and the failed part, and stops there', async () => {
    sns
      .on(PublishCommand)
      .resolvesOnce({ MessageId: 'm-1' })
      .rejectsOnce(awsError('AuthorizationError', 'User is not authorized to perform: SNS:Publish', 403));

    const failure = await new SnsPublisher({ client: new SNSClient({}) }).publish(TOPIC, [message(1, 3), message(2, 3), message(3, 3)]).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(SnsPublishError);
    expect(failure).toMatchObject({ topicArn: TOPIC, part: { index: 2, count: 3 }, published: 1, reason: 'AuthorizationError: User is not authorized to perform: SNS:Publish' });
    expect((failure as Error).message).toBe(
      `sns:Publish to ${TOPIC} failed (part 2 of 3; 1 published before it): AuthorizationError: User is not authorized to perform: SNS:Publish`,
    );
    expect((failure as Error).cause).toBeInstanceOf(Error);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('by default publishes with a client in the topic’s region', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const publisher = new SnsPublisher();

    await publisher.publish('arn:aws:sns:eu-central-1:123456789012:alerts', [message(1, 1)]);
    await publisher.publish('arn:aws:sns:eu-central-1:123456789012:alerts', [message(1, 1)]);

    const calls = sns.commandCalls(PublishCommand);
    const clients = calls.map((c) => c.thisValue as SNSClient);
    await expect(clients[0]?.config.region()).resolves.toBe('eu-central-1');
    expect(clients[1]).toBe(clients[0]);
  });
});
