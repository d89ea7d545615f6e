/**
 * The deployed service in one process, over the wire: dispatch and the worker (the real handlers, middy and
 * Powertools included) with the real SDK clients of SNS, SQS, S3, IAM, EC2 and STS pointed at the loopback fake
 * (test/support/fake-aws), and an emulation of Lambda's SQS event source mapping (batch size 1,
 * ReportBatchItemFailures: a failed item stays on the queue until its visibility timeout, the rest is deleted).
 */
import { jest } from '@jest/globals';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseConfig } from '../../../lib/adapters/config/index.js';
import { SnsPublisher } from '../../../lib/adapters/sns/sns-publisher.js';
import { SqsJobQueue } from '../../../lib/adapters/sqs/sqs-job-queue.js';
import { S3ClusterStateStore } from '../../../lib/adapters/state/s3-cluster-state-store.js';
import type { ClusterStateStore } from '../../../lib/app/delivery-ports.js';
import { createAuditWorkerHandler } from '../../../handlers/audit-worker.js';
import { createDispatchHandler } from '../../../handlers/dispatch.js';
import { createRuntime, type HandlerRuntime } from '../../../handlers/support/runtime.js';
import { destroyClients, fakeAwsClientFactory, fakeMessagingClients } from '../../support/fake-aws/fake-aws-clients.js';
import type { FakeAws } from '../../support/fake-aws/fake-aws-server.js';
import { aLambdaContext } from '../../handlers/support/handler-runtime.js';

/** The worker's visibility timeout: above its 900 s Lambda timeout, as serverless.yml sets it. */
export const VISIBILITY_TIMEOUT_S = 960;
export const MAX_RECEIVES = 3;
export const BUCKET = 'kube-aws-audit-state';

export interface Service {
  topicArn: string;
  auditQueue: { url: string; arn: string };
  dlq: { url: string; arn: string };
  /** Subscribes a queue to the alert topic; returns its URL. */
  subscribeQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  dispatch(): Promise<{ runId: string; jobs: number }>;
  /** One poll of the event source mapping: receives up to one job, invokes the worker, deletes it unless it failed. */
  pollWorker(): Promise<{ invoked: boolean; failed: boolean }>;
  /** Polls until the audit queue has no visible job. */
  drain(): Promise<number>;
  receiveAll(url: string): Promise<{ body: string; attributes: Record<string, string> }[]>;
  depth(url: string): Promise<number>;
  /** Runs the worker on an event (for concurrent invocations). */
  invokeWorker(event: SQSEvent): Promise<SQSBatchResponse>;
  receiveJob(): Promise<SQSEvent | undefined>;
  deleteJobs(event: SQSEvent, response: SQSBatchResponse): Promise<void>;
  clients: { sns: SNSClient; sqs: SQSClient; s3: S3Client };
  store: ClusterStateStore;
  close(): void;
}

/** Builds the service against the fake: topic, audit queue with its DLQ (redrive after 3 receives), state bucket. */
export async function startService(fake: FakeAws, configText: string, options: { wrapStore?: (store: ClusterStateStore) => ClusterStateStore } = {}): Promise<Service> {
  const clients = fakeMessagingClients(fake.url, { retryDelayMs: 1 });
  const { sns, sqs, s3 } = clients;
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'kube-aws-audit-test-alerts' }));
  const topicArn = TopicArn as string;
  const queue = async (name: string, attributes: Record<string, string> = {}) => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    return { url: QueueUrl as string, arn: Attributes?.QueueArn as string };
  };
  const dlq = await queue('kube-aws-audit-test-audit-dlq');
  const auditQueue = await queue('kube-aws-audit-test-audit', {
    VisibilityTimeout: String(VISIBILITY_TIMEOUT_S),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: MAX_RECEIVES }),
  });
  fake.messaging.createBucket(BUCKET);

  const env = { ALERT_TOPIC_ARN: topicArn, STATE_BUCKET: BUCKET, AUDIT_QUEUE_URL: auditQueue.url, TOOL_VERSION: '0.0.0-test' };
  const clientFactory = fakeAwsClientFactory(fake.url, { retryDelayMs: 1 });
  const baseStore = new S3ClusterStateStore({ bucket: BUCKET, client: s3 });
  const store = options.wrapStore?.(baseStore) ?? baseStore;
  const runtime = createRuntime(env, {
    clientFactory,
    publisher: new SnsPublisher({ client: sns }),
    clusterStore: store,
    queue: new SqsJobQueue(auditQueue.url, sqs),
    loadConfig: async () => parseConfig(configText, 'config.yaml', env),
  });
  silence(runtime);
  const worker = createAuditWorkerHandler(runtime);
  const dispatcher = createDispatchHandler(runtime);
  const context = (): Context => aLambdaContext(900_000);

  const receiveJob = async (): Promise<SQSEvent | undefined> => {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: auditQueue.url, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }));
    if (Messages === undefined || Messages.length === 0) return undefined;
    return {
      Records: Messages.map((m) => ({
        messageId: m.MessageId as string,
        receiptHandle: m.ReceiptHandle as string,
        body: m.Body as string,
        attributes: m.Attributes as never,
        messageAttributes: {},
        md5OfBody: m.MD5OfBody as string,
        eventSource: 'aws:sqs',
        eventSourceARN: auditQueue.arn,
        awsRegion: 'us-west-1',
      })),
    };
  };
  const deleteJobs = async (event: SQSEvent, response: SQSBatchResponse) => {
    const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
    for (const r of event.Records) if (!failed.has(r.messageId)) await sqs.send(new DeleteMessageCommand({ QueueUrl: auditQueue.url, ReceiptHandle: r.receiptHandle }));
  };
  const invokeWorker = (event: SQSEvent) => worker(event, context()) as Promise<SQSBatchResponse>;

  const service: Service = {
    topicArn,
    auditQueue,
    dlq,
    clients,
    store,
    async subscribeQueue(name, attributes = {}) {
      const q = await queue(name);
      await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: q.arn, Attributes: attributes }));
      return q.url;
    },
    async dispatch() {
      return (await dispatcher({}, context())) as { runId: string; jobs: number };
    },
    async pollWorker() {
      const event = await receiveJob();
      if (event === undefined) return { invoked: false, failed: false };
      const response = await invokeWorker(event);
      await deleteJobs(event, response);
      return { invoked: true, failed: response.batchItemFailures.length > 0 };
    },
    async drain() {
      let n = 0;
      while ((await service.pollWorker()).invoked) n += 1;
      return n;
    },
    async receiveAll(url) {
      const out: { body: string; attributes: Record<string, string> }[] = [];
      for (;;) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }));
        if (Messages === undefined || Messages.length === 0) return out;
        for (const m of Messages) {
          out.push({ body: m.Body as string, attributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue as string])) });
          await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
        }
      }
    },
    async depth(url) {
      const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      return Number(Attributes?.ApproximateNumberOfMessages ?? 0) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
    },
    invokeWorker,
    receiveJob,
    deleteJobs,
    close() {
      sns.destroy();
      sqs.destroy();
      s3.destroy();
      destroyClients(clientFactory);
    },
  };
  return service;
}

/** Logs off, metrics recorded but not printed. */
function silence(runtime: HandlerRuntime): void {
  runtime.logger = new Logger({ serviceName: 'kube-aws-audit', logLevel: process.env.TEST_LOG_LEVEL === undefined ? 'SILENT' : 'ERROR' });
  const metrics: Metrics = runtime.metrics;
  jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => metrics);
  jest.spyOn(metrics, 'captureColdStartMetric').mockImplementation(() => metrics);
  jest.spyOn(metrics, 'singleMetric').mockImplementation(() => {
    const single = new Metrics({ namespace: 'test', serviceName: 'kube-aws-audit' });
    jest.spyOn(single, 'publishStoredMetrics').mockImplementation(() => single);
    return single;
  });
}
