import { createHash, randomUUID } from 'node:crypto';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import type { Schema } from '@smithy/types';
import { escapeXml, membersToXml } from './xml.js';
import { stringList } from './query-params.js';
import { toAwsJson } from './json.js';
import { matchesFilterPolicy, type DeliveredAttribute } from './filter-policy.js';

type Json = Record<string, unknown>;

/** An answer of the fake: status, headers, body. */
export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** An error the fake answers in the protocol of the service that was called. */
export class MessagingError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** SNS limit: message plus attributes, UTF-8 bytes (Amazon SNS quotas: 256 KiB). */
const SNS_MAX_BYTES = 262_144;

// ------------------------------------------------------------------ SQS

export interface FakeSqsMessage {
  messageId: string;
  body: string;
  messageAttributes: Record<string, { DataType: string; StringValue?: string }>;
  sentAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  visibleAt: number;
  receiptHandle?: string;
}

export interface FakeQueue {
  name: string;
  url: string;
  arn: string;
  attributes: Record<string, string>;
  messages: FakeSqsMessage[];
}

// ------------------------------------------------------------------ SNS

export interface FakeSubscription {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  attributes: Record<string, string>;
}

/** What a non-SQS subscriber (email, https, lambda, ...) would have received. */
export interface FakeDelivery {
  subscriptionArn: string;
  protocol: string;
  endpoint: string;
  /** The body as that protocol's subscriber receives it: raw text for email, the JSON notification for https/lambda. */
  body: string;
  /** The `Message` of the notification: the protocol's key of a `MessageStructure: json` message. */
  message: string;
  subject?: string;
  attributes: Record<string, DeliveredAttribute>;
}

export interface FakeObject {
  body: Buffer;
  etag: string;
  contentType?: string;
  lastModified: Date;
}

/**
 * SNS, SQS and S3 for the loopback fake, with the semantics the service's tests need:
 * - SNS `Publish` with `MessageStructure: json` delivers each subscription its protocol's key (else `default`),
 *   honours subscription filter policies on message attributes (String, Number, String.Array) and
 *   `RawMessageDelivery`, rejects messages over 256 KiB and invalid attribute values;
 * - SQS visibility timeouts on a clock the test can advance, `ApproximateReceiveCount`, and redrive to the
 *   dead-letter queue of `RedrivePolicy` once a message was received `maxReceiveCount` times;
 * - S3 objects with ETags and conditional `PutObject` (`If-None-Match: *`, `If-Match: <etag>`) answering
 *   412 PreconditionFailed.
 */
export class FakeMessaging {
  readonly queues = new Map<string, FakeQueue>();
  readonly topics = new Map<string, { arn: string; attributes: Record<string, string> }>();
  readonly subscriptions: FakeSubscription[] = [];
  readonly deliveries: FakeDelivery[] = [];
  readonly buckets = new Map<string, Map<string, FakeObject>>();
  /** Every message published, as SNS accepted it. */
  readonly published: { topicArn: string; subject?: string; message: string; structure?: string; attributes: Record<string, DeliveredAttribute> }[] = [];
  private skewMs = 0;

  constructor(
    private readonly baseUrl: () => string,
    readonly account: string,
    readonly region = 'us-west-1',
  ) {}

  /** The fake's clock: real time plus what the test advanced. */
  now(): number {
    return Date.now() + this.skewMs;
  }

  /** Moves the clock forward (visibility timeouts expire without waiting). */
  advance(ms: number): void {
    this.skewMs += ms;
  }

  // ------------------------------------------------------------------ SNS (query protocol)

  sns(action: string, p: Json): string {
    switch (action) {
      case 'CreateTopic': {
        const name = String(p.Name ?? '');
        if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)) throw new MessagingError(400, 'InvalidParameter', 'Invalid parameter: Topic Name');
        const arn = `arn:aws:sns:${this.region}:${this.account}:${name}`;
        if (!this.topics.has(arn)) this.topics.set(arn, { arn, attributes: entries(p.Attributes) });
        return snsOk(sns.CreateTopic$, { TopicArn: arn });
      }
      case 'Subscribe': {
        const topicArn = String(p.TopicArn);
        if (!this.topics.has(topicArn)) throw new MessagingError(404, 'NotFound', 'Topic does not exist');
        const attributes = entries(p.Attributes);
        if (attributes.FilterPolicy !== undefined) JSON.parse(attributes.FilterPolicy);
        if (attributes.FilterPolicyScope === 'MessageBody') throw new MessagingError(400, 'InvalidParameter', 'fake-aws: FilterPolicyScope MessageBody is not implemented');
        const sub: FakeSubscription = { arn: `${topicArn}:${randomUUID()}`, topicArn, protocol: String(p.Protocol), endpoint: String(p.Endpoint ?? ''), attributes };
        this.subscriptions.push(sub);
        return snsOk(sns.Subscribe$, { SubscriptionArn: sub.arn });
      }
      case 'Publish': return this.publish(p);
      default:
        throw new MessagingError(400, 'InvalidAction', `The action ${action} is not valid for this web service (sns).`);
    }
  }

  private publish(p: Json): string {
    const topicArn = String(p.TopicArn ?? '');
    if (!this.topics.has(topicArn)) throw new MessagingError(404, 'NotFound', 'Topic does not exist');
    const message = String(p.Message ?? '');
    const subject = p.Subject === undefined ? undefined : String(p.Subject);
    if (subject !== undefined && (subject.length > 100 || /[^\x20-\x7e]/.test(subject))) throw new MessagingError(400, 'InvalidParameter', 'Invalid parameter: Subject');
    const attributes: Record<string, DeliveredAttribute> = {};
    let bytes = Buffer.byteLength(message, 'utf8');
    for (const entry of listOf(p.MessageAttributes, 'entry')) {
      const name = String(entry.Name);
      const value = entry.Value as Json;
      const type = String(value.DataType);
      const text = String(value.StringValue ?? '');
      if (text === '') throw new MessagingError(400, 'ParameterValueInvalid', `The message attribute '${name}' must contain non-empty message attribute value.`);
      if (type === 'String.Array') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        if (!Array.isArray(parsed)) throw new MessagingError(400, 'ParameterValueInvalid', `The message attribute '${name}' with type 'String.Array' has invalid value`);
      } else if (type.startsWith('Number') && !Number.isFinite(Number(text))) {
        throw new MessagingError(400, 'ParameterValueInvalid', `The message attribute '${name}' has an invalid numeric value`);
      }
      attributes[name] = { Type: type, Value: text };
      bytes += Buffer.byteLength(name) + Buffer.byteLength(type) + Buffer.byteLength(text);
    }
    if (bytes > SNS_MAX_BYTES) throw new MessagingError(400, 'InvalidParameter', 'Invalid parameter: Message too long');
    let perProtocol: Record<string, unknown> | undefined;
    if (p.MessageStructure === 'json') {
      try {
        perProtocol = JSON.parse(message) as Record<string, unknown>;
      } catch {
        throw new MessagingError(400, 'InvalidParameter', 'Invalid parameter: Message Structure - JSON message body failed to parse');
      }
      if (typeof perProtocol.default !== 'string') throw new MessagingError(400, 'InvalidParameter', 'Invalid parameter: Message Structure - No default entry in JSON message body');
    }
    this.published.push({ topicArn, ...(subject === undefined ? {} : { subject }), message, ...(p.MessageStructure === undefined ? {} : { structure: String(p.MessageStructure) }), attributes });
    const messageId = randomUUID();
    const timestamp = new Date(this.now()).toISOString();
    for (const sub of this.subscriptions.filter((s) => s.topicArn === topicArn)) {
      if (!matchesFilterPolicy(sub.attributes.FilterPolicy, attributes)) continue;
      const text = perProtocol === undefined ? message : String(perProtocol[sub.protocol] ?? perProtocol.default);
      const notification = JSON.stringify({
        Type: 'Notification',
        MessageId: messageId,
        TopicArn: topicArn,
        ...(subject === undefined ? {} : { Subject: subject }),
        Message: text,
        Timestamp: timestamp,
        SignatureVersion: '1',
        Signature: 'FAKE',
        SigningCertURL: `${this.baseUrl()}/SimpleNotificationService.pem`,
        UnsubscribeURL: `${this.baseUrl()}/?Action=Unsubscribe&SubscriptionArn=${sub.arn}`,
        ...(Object.keys(attributes).length === 0 ? {} : { MessageAttributes: attributes }),
      });
      const raw = sub.attributes.RawMessageDelivery === 'true';
      if (sub.protocol === 'sqs') {
        const queue = [...this.queues.values()].find((q) => q.arn === sub.endpoint);
        if (queue === undefined) continue;
        this.enqueue(queue, raw ? text : notification, raw ? Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: v.Type, StringValue: v.Value }])) : {});
      } else {
        const body = sub.protocol === 'email' ? text : raw ? text : notification;
        this.deliveries.push({ subscriptionArn: sub.arn, protocol: sub.protocol, endpoint: sub.endpoint, body, message: text, ...(subject === undefined ? {} : { subject }), attributes });
      }
    }
    return snsOk(sns.Publish$, { MessageId: messageId });
  }

  // ------------------------------------------------------------------ SQS (AWS JSON 1.0)

  sqs(action: string, p: Json): string {
    switch (action) {
      case 'CreateQueue': {
        const name = String(p.QueueName ?? '');
        if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(name)) throw new MessagingError(400, 'InvalidParameterValue', 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
        let queue = this.queues.get(name);
        if (queue === undefined) {
          queue = {
            name,
            url: `${this.baseUrl()}/${this.account}/${name}`,
            arn: `arn:aws:sqs:${this.region}:${this.account}:${name}`,
            attributes: { VisibilityTimeout: '30', ...(p.Attributes as Record<string, string> | undefined) },
            messages: [],
          };
          this.queues.set(name, queue);
        }
        return sqsOk(sqs.CreateQueue$, { QueueUrl: queue.url });
      }
      case 'GetQueueUrl': return sqsOk(sqs.GetQueueUrl$, { QueueUrl: this.queueByName(String(p.QueueName)).url });
      case 'GetQueueAttributes': {
        const queue = this.queueByUrl(p.QueueUrl);
        const now = this.now();
        const all: Record<string, string> = {
          ...queue.attributes,
          QueueArn: queue.arn,
          ApproximateNumberOfMessages: String(queue.messages.filter((m) => m.visibleAt <= now).length),
          ApproximateNumberOfMessagesNotVisible: String(queue.messages.filter((m) => m.visibleAt > now).length),
        };
        const names = stringList(p.AttributeNames);
        const wanted = names.includes('All') || names.length === 0 ? all : Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, all[n] as string]));
        return sqsOk(sqs.GetQueueAttributes$, { Attributes: wanted });
      }
      case 'SendMessage': {
        const queue = this.queueByUrl(p.QueueUrl);
        const m = this.enqueue(queue, String(p.MessageBody ?? ''), (p.MessageAttributes as FakeSqsMessage['messageAttributes'] | undefined) ?? {}, Number(p.DelaySeconds ?? 0));
        return sqsOk(sqs.SendMessage$, { MessageId: m.messageId, MD5OfMessageBody: md5(m.body) });
      }
      case 'SendMessageBatch': {
        const queue = this.queueByUrl(p.QueueUrl);
        const list = (p.Entries as Json[] | undefined) ?? [];
        if (list.length === 0) throw new MessagingError(400, 'EmptyBatchRequest', 'There should be at least one SendMessageBatchRequestEntry in the request.');
        if (list.length > 10) throw new MessagingError(400, 'TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${list.length}.`);
        const total = list.reduce((n, e) => n + Buffer.byteLength(String(e.MessageBody ?? '')), 0);
        if (total > 262_144) throw new MessagingError(400, 'BatchRequestTooLong', 'Batch requests cannot be longer than 262144 bytes.');
        const Successful = list.map((e) => {
          const m = this.enqueue(queue, String(e.MessageBody ?? ''), (e.MessageAttributes as FakeSqsMessage['messageAttributes'] | undefined) ?? {}, Number(e.DelaySeconds ?? 0));
          return { Id: String(e.Id), MessageId: m.messageId, MD5OfMessageBody: md5(m.body) };
        });
        return sqsOk(sqs.SendMessageBatch$, { Successful, Failed: [] });
      }
      case 'ReceiveMessage': return this.receive(p);
      case 'DeleteMessage': {
        const queue = this.queueByUrl(p.QueueUrl);
        const i = queue.messages.findIndex((m) => m.receiptHandle === p.ReceiptHandle);
        if (i < 0) throw new MessagingError(400, 'ReceiptHandleIsInvalid', `The input receipt handle "${String(p.ReceiptHandle)}" is not a valid receipt handle.`);
        queue.messages.splice(i, 1);
        return '{}';
      }
      case 'ChangeMessageVisibility': {
        const queue = this.queueByUrl(p.QueueUrl);
        const m = queue.messages.find((x) => x.receiptHandle === p.ReceiptHandle);
        if (m === undefined) throw new MessagingError(400, 'ReceiptHandleIsInvalid', 'The input receipt handle is not a valid receipt handle.');
        m.visibleAt = this.now() + Number(p.VisibilityTimeout ?? 0) * 1000;
        return '{}';
      }
      default:
        throw new MessagingError(400, 'InvalidAction', `The action ${action} is not valid for this endpoint.`);
    }
  }

  private receive(p: Json): string {
    const queue = this.queueByUrl(p.QueueUrl);
    const max = Number(p.MaxNumberOfMessages ?? 1);
    if (max < 1 || max > 10) throw new MessagingError(400, 'InvalidParameterValue', 'Value for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    const visibility = Number(p.VisibilityTimeout ?? queue.attributes.VisibilityTimeout ?? 30);
    const redrive = queue.attributes.RedrivePolicy === undefined ? undefined : (JSON.parse(queue.attributes.RedrivePolicy) as { deadLetterTargetArn: string; maxReceiveCount: number | string });
    const now = this.now();
    const out: Json[] = [];
    for (const m of [...queue.messages]) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      if (redrive !== undefined && m.receiveCount >= Number(redrive.maxReceiveCount)) {
        // Received maxReceiveCount times and back again: SQS moves it to the dead-letter queue instead.
        const dlq = [...this.queues.values()].find((q) => q.arn === redrive.deadLetterTargetArn);
        queue.messages.splice(queue.messages.indexOf(m), 1);
        if (dlq !== undefined) dlq.messages.push({ ...m, visibleAt: now, receiptHandle: undefined as unknown as string });
        continue;
      }
      m.receiveCount += 1;
      m.firstReceiveAt ??= now;
      m.visibleAt = now + visibility * 1000;
      m.receiptHandle = Buffer.from(`${m.messageId}:${m.receiveCount}:${randomUUID()}`).toString('base64');
      out.push({
        MessageId: m.messageId,
        ReceiptHandle: m.receiptHandle,
        MD5OfBody: md5(m.body),
        Body: m.body,
        Attributes: {
          ApproximateReceiveCount: String(m.receiveCount),
          SentTimestamp: String(m.sentAt),
          ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt),
          SenderId: 'AROAEXAMPLE:fake',
        },
        ...(Object.keys(m.messageAttributes).length === 0 ? {} : { MessageAttributes: m.messageAttributes }),
      });
    }
    return sqsOk(sqs.ReceiveMessage$, out.length === 0 ? {} : { Messages: out });
  }

  private enqueue(queue: FakeQueue, body: string, messageAttributes: FakeSqsMessage['messageAttributes'], delaySeconds = 0): FakeSqsMessage {
    if (Buffer.byteLength(body) > 262_144) throw new MessagingError(400, 'InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.');
    const m: FakeSqsMessage = { messageId: randomUUID(), body, messageAttributes, sentAt: this.now(), receiveCount: 0, visibleAt: this.now() + delaySeconds * 1000 };
    queue.messages.push(m);
    return m;
  }

  queueByName(name: string): FakeQueue {
    const queue = this.queues.get(name);
    if (queue === undefined) throw new MessagingError(400, 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
    return queue;
  }

  private queueByUrl(url: unknown): FakeQueue {
    return this.queueByName(String(url ?? '').split('/').pop() ?? '');
  }

  // ------------------------------------------------------------------ S3 (REST-XML, path style)

  s3(method: string, path: string, headers: Record<string, string | string[] | undefined>, body: Buffer): FakeReply {
    const [, bucketName = '', ...rest] = path.split('?')[0]!.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const bucket = this.buckets.get(bucketName);
    if (bucket === undefined) throw new MessagingError(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucketName });
    const existing = bucket.get(key);
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (method === 'GET' || method === 'HEAD') {
      if (existing === undefined) {
        if (method === 'HEAD') return { status: 404, body: '' };
        throw new MessagingError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
      }
      return {
        status: 200,
        headers: {
          etag: existing.etag,
          'content-length': String(existing.body.length),
          'last-modified': existing.lastModified.toUTCString(),
          ...(existing.contentType === undefined ? {} : { 'content-type': existing.contentType }),
        },
        body: method === 'HEAD' ? '' : existing.body,
      };
    }
    if (method === 'PUT') {
      const ifNoneMatch = header('if-none-match');
      const ifMatch = header('if-match');
      if (ifNoneMatch !== undefined) {
        if (ifNoneMatch !== '*') throw new MessagingError(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', { Header: 'If-None-Match' });
        if (existing !== undefined) throw new MessagingError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-None-Match' });
      }
      if (ifMatch !== undefined) {
        if (existing === undefined) throw new MessagingError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
        if (existing.etag !== ifMatch) throw new MessagingError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: 'If-Match' });
      }
      const content = decodeAwsChunked(body, headers);
      const etag = `"${createHash('md5').update(content).digest('hex')}${existing === undefined ? '' : `-${randomUUID().slice(0, 8)}`}"`;
      const contentType = header('content-type');
      bucket.set(key, { body: content, etag, lastModified: new Date(this.now()), ...(contentType === undefined ? {} : { contentType }) });
      return { status: 200, headers: { etag }, body: '' };
    }
    throw new MessagingError(405, 'MethodNotAllowed', `The specified method is not allowed against this resource (${method}).`);
  }

  createBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  /** An object's text, or undefined. */
  object(bucket: string, key: string): string | undefined {
    return this.buckets.get(bucket)?.get(key)?.body.toString('utf8');
  }
}

// ------------------------------------------------------------------ wire helpers

/** `Attributes.entry.N.key/value` of a query request as a plain map. */
function entries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of listOf(value, 'entry')) out[String(e.key)] = String(e.value);
  return out;
}

function listOf(value: unknown, wrapper: string): Json[] {
  const inner = (value as Json | undefined)?.[wrapper];
  return Array.isArray(inner) ? (inner as Json[]) : [];
}

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function snsOk(operation: unknown, output: Json): string {
  const [, , name, , , outputSchema] = operation as [number, string, string, unknown, unknown, Schema];
  return `<${name}Response xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><${name}Result>${membersToXml(outputSchema, output)}</${name}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${name}Response>`;
}

function sqsOk(operation: unknown, output: Json): string {
  const [, , , , , outputSchema] = operation as [number, string, string, unknown, unknown, Schema];
  return toAwsJson(outputSchema, output);
}

export function snsError(code: string, message: string, status: number): string {
  return `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/** An AWS JSON 1.0 error, with the query-compatible header SQS sends (`x-amzn-query-error: Code;Sender`). */
export function sqsError(code: string, message: string, status: number): FakeReply {
  const type = code === 'AWS.SimpleQueueService.NonExistentQueue' ? 'com.amazonaws.sqs#QueueDoesNotExist' : `com.amazonaws.sqs#${code}`;
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${code};${status >= 500 ? 'Receiver' : 'Sender'}` },
    body: JSON.stringify({ __type: type, message }),
  };
}

export function s3Error(error: MessagingError): FakeReply {
  const extra = Object.entries(error.extra).map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`).join('');
  return {
    status: error.status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${extra}<RequestId>${randomUUID()}</RequestId></Error>`,
  };
}

/** The payload of an `aws-chunked` upload (the SDK uses it for streamed bodies with trailing checksums). */
function decodeAwsChunked(body: Buffer, headers: Record<string, string | string[] | undefined>): Buffer {
  const encoding = String(headers['content-encoding'] ?? '');
  if (!encoding.includes('aws-chunked')) return body;
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(body.subarray(at, eol).toString('latin1').split(';')[0] ?? '0', 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}
