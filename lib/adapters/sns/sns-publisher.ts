import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import type { AlertPublisher } from '../../app/delivery-ports.js';
import type { SnsMessage } from '../../domain/report/sns-message.js';
import { describeAwsError } from '../aws/classify-aws-error.js';
import { SnsPublishError } from './errors.js';

/** The IAM actions {@link SnsPublisher} calls (on the alert topic). */
export const SNS_PUBLISHER_PERMISSIONS = ['sns:Publish'] as const;

/** Options of {@link SnsPublisher}. */
export interface SnsPublisherOptions {
  /**
   * The client to publish with, whatever the topic's region. Default: one client per topic region (taken from the
   * topic ARN, since SNS only accepts a topic in the client's region), built on first use and kept.
   */
  client?: SNSClient;
}

/** Message group of FIFO topics: one group, so the parts of a series arrive in order. */
const FIFO_GROUP = 'kube-aws-audit';

/**
 * Publishes alert messages (`buildSnsMessages`) to an SNS topic, one `Publish` per message, in order, with
 * `MessageStructure: 'json'` so each protocol gets its own body, and the messages' attributes. FIFO topics
 * (`.fifo`) get one message group and each part's deduplication id.
 */
export class SnsPublisher implements AlertPublisher {
  static readonly permissions = SNS_PUBLISHER_PERMISSIONS;
  private readonly client?: SNSClient;
  private readonly clients = new Map<string, SNSClient>();

  constructor(options: SnsPublisherOptions = {}) {
    if (options.client !== undefined) this.client = options.client;
  }

  /**
   * @returns the SNS message ids, in order
   * @throws SnsPublishError naming the topic and the part that failed (earlier parts stay published)
   */
  async publish(topicArn: string, messages: readonly SnsMessage[]): Promise<string[]> {
    const client = this.clientFor(topicArn);
    const fifo = topicArn.endsWith('.fifo');
    const ids: string[] = [];
    for (const message of messages) {
      const input: PublishCommandInput = {
        TopicArn: topicArn,
        Subject: message.subject,
        Message: message.message,
        MessageStructure: 'json',
        MessageAttributes: Object.fromEntries(Object.entries(message.messageAttributes).map(([name, value]) => [name, { DataType: value.DataType, StringValue: value.StringValue }])),
        ...(fifo ? { MessageGroupId: FIFO_GROUP, MessageDeduplicationId: message.deduplicationId } : {}),
      };
      try {
        const output = await client.send(new PublishCommand(input));
        ids.push(output.MessageId ?? '');
      } catch (error) {
        throw new SnsPublishError({ topicArn, part: message.part, published: ids.length, reason: describeAwsError(error), cause: error });
      }
    }
    return ids;
  }

  private clientFor(topicArn: string): SNSClient {
    if (this.client !== undefined) return this.client;
    const region = topicArn.split(':')[3] ?? '';
    let client = this.clients.get(region);
    if (client === undefined) {
      client = new SNSClient(region === '' ? {} : { region });
      this.clients.set(region, client);
    }
    return client;
  }
}
