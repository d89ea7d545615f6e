/**
 * The service end to end, over the wire: dispatch → SQS audit queue → worker → SNS → a subscribed SQS queue, with the
 * state in S3, through the real SDK clients and the real handlers against the loopback fake of AWS
 * (test/support/fake-aws: SNS query protocol, SQS AWS JSON 1.0, S3 REST-XML, IAM/EC2/STS served from the demo
 * snapshot). No client mocks.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { AlertEnvelope } from '../../lib/domain/report/sns-message.js';
import type { ClusterStateStore } from '../../lib/app/delivery-ports.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { BUCKET, MAX_RECEIVES, startService, VISIBILITY_TIMEOUT_S, type Service } from './support/service-harness.js';

interface Notification {
  Type: string;
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, { Type: string; Value: string }>;
}

/** The demo's two clusters and a third (canary) in the same account, alerts in mode `changes`. */
function fleetConfig(overrides: { clusters?: unknown[]; alerts?: Record<string, unknown> } = {}): string {
  const demo = parse(readFileSync('fixtures/demo/config.yaml', 'utf8')) as { clusters: Record<string, unknown>[] };
  const canary = { ...demo.clusters[0], name: 'canary', suppressions: [] };
  return JSON.stringify({
    clusters: overrides.clusters ?? [...demo.clusters, canary],
    alerts: { minSeverity: 'medium', mode: 'changes', format: 'text', ...overrides.alerts },
  });
}

function notifications(messages: { body: string }[]): Notification[] {
  return messages.map((m) => JSON.parse(m.body) as Notification);
}

function envelope(n: Notification): AlertEnvelope {
  return JSON.parse(n.Message) as AlertEnvelope;
}

describe('the service at fleet scale, over the wire', () => {
  let fake: FakeAws;
  let service: Service;
  beforeEach(async () => {
    fake = await FakeAws.start({ snapshotDir: 'fixtures/demo/snapshot' });
  });
  afterEach(async () => {
    service?.close();
    await fake.stop();
  });

  it('fans three clusters out: one job each, one alert per cluster with String.Array attributes, the full report stored and linked', async () => {
    // Arrange
    service = await startService(fake, fleetConfig());
    const subscriber = await service.subscribeQueue('subscriber');

    // Act
    const dispatched = await service.dispatch();
    const jobs = await service.depth(service.auditQueue.url);
    const processed = await service.drain();

    // Assert
    expect(dispatched.jobs).toBe(3);
    expect(jobs).toBe(3);
    expect(processed).toBe(3);
    expect(await service.depth(service.auditQueue.url)).toBe(0);
    const got = notifications(await service.receiveAll(subscriber));
    expect(got.map((n) => JSON.parse(n.MessageAttributes.cluster!.Value) as string[]).sort()).toEqual([['canary'], ['prod-east'], ['staging']]);
    for (const n of got) {
      expect(n.MessageAttributes.cluster!.Type).toBe('String.Array');
      expect(n.MessageAttributes.account).toEqual({ Type: 'String.Array', Value: '["123456789012"]' });
      expect(n.MessageAttributes.severity!.Type).toBe('String.Array');
      const env = envelope(n);
      expect(env.runId).toBe(dispatched.runId);
      expect(env.clusters).toHaveLength(1);
      // The sqs key is the compact envelope; the full report is in the state bucket, at the linked key.
      expect(n.Message).not.toContain('"evidence"');
      const stored = JSON.parse(fake.messaging.object(BUCKET, env.report!.key) as string) as { runId: string; findings: unknown[]; clusters: { name: string }[] };
      expect(stored.runId).toBe(dispatched.runId);
      expect(stored.clusters.map((c) => c.name)).toEqual(env.clusters.map((c) => c.name));
      expect(stored.findings.length).toBeGreaterThanOrEqual(env.new.length + env.errors.length);
    }
    for (const cluster of ['prod-east', 'staging', 'canary']) expect(fake.messaging.object(BUCKET, `reports/state/123456789012/us-west-1/${cluster}.json`)).toBeDefined();
    // The requests each job costs (README "Cost"): per cluster 2 S3 GETs (delivery record, state), 5 S3 PUTs (run
    // report, delivery record, state, commit, one per published part) and 1 SNS Publish.
    const count = (service: string, action: string) => fake.calls.filter((c) => c.service === service && c.action === action).length;
    expect({ get: count('s3', 'GetObject') / 3, put: count('s3', 'PutObject') / 3, publish: count('sns', 'Publish') / 3, sendBatch: count('sqs', 'SendMessageBatch') }).toEqual({ get: 2, put: 5, publish: 1, sendBatch: 1 });
  });

  it('a job that keeps failing is received 3 times, then lands in the DLQ', async () => {
    // Arrange: the state bucket refuses every read, so the worker cannot diff and fails the job.
    service = await startService(fake, fleetConfig({ clusters: [JSON.parse(fleetConfig()).clusters[0]] }));
    fake.setFaults({ denied: ['GetObject'] });
    await service.dispatch();

    // Act
    const attempts: boolean[] = [];
    for (let i = 0; i < MAX_RECEIVES + 1; i += 1) {
      const poll = await service.pollWorker();
      if (poll.invoked) attempts.push(poll.failed);
      fake.messaging.advance((VISIBILITY_TIMEOUT_S + 1) * 1000);
    }

    // Assert
    expect(attempts).toEqual([true, true, true]);
    expect(await service.depth(service.auditQueue.url)).toBe(0);
    expect(await service.depth(service.dlq.url)).toBe(1);
    const [dead] = await service.receiveAll(service.dlq.url);
    expect(JSON.parse(dead!.body)).toMatchObject({ version: 1, cluster: 'prod-east', region: 'us-west-1' });
  });

  it('two concurrent runs for one cluster: the loser of the conditional write re-diffs and retries, nothing is alerted twice', async () => {
    // Arrange: both runs read the state before either writes it (a barrier after the first read of each).
    let reads = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const barrier = (store: ClusterStateStore): ClusterStateStore => ({
      location: store.location,
      getState: async (key) => {
        const state = await store.getState(key);
        reads += 1;
        if (reads === 2) release();
        if (reads <= 2) await bothRead;
        return state;
      },
      putState: (...args) => store.putState(...args),
      putRunReport: (...args) => store.putRunReport(...args),
      getDelivery: (...args) => store.getDelivery(...args),
      putDelivery: (...args) => store.putDelivery(...args),
    });
    service = await startService(fake, fleetConfig({ clusters: [JSON.parse(fleetConfig()).clusters[0]] }), { wrapStore: barrier });
    const subscriber = await service.subscribeQueue('subscriber');
    const first = await service.dispatch();
    const second = await service.dispatch();
    const a = await service.receiveJob();
    const b = await service.receiveJob();

    // Act
    const [ra, rb] = await Promise.all([service.invokeWorker(a!), service.invokeWorker(b!)]);
    await service.deleteJobs(a!, ra);
    await service.deleteJobs(b!, rb);

    // Assert
    expect([ra.batchItemFailures, rb.batchItemFailures]).toEqual([[], []]);
    expect(fake.calls.filter((c) => c.service === 's3' && c.action === 'PutObject' && c.status === 412)).toHaveLength(1);
    const got = notifications(await service.receiveAll(subscriber));
    // One run alerts every finding as new; the other, re-diffed against it, has nothing new to say.
    expect(got).toHaveLength(1);
    const state = JSON.parse(fake.messaging.object(BUCKET, 'reports/state/123456789012/us-west-1/prod-east.json') as string) as { runId: string; summary: { new: number } };
    expect([first.runId, second.runId]).toContain(state.runId);
    expect(envelope(got[0]!).runId).not.toBe(state.runId);
    expect(state.summary.new).toBe(0);
  });

  it('a publish that fails on part 2 of 3 is retried by SQS and the retry sends only parts 2 and 3', async () => {
    // Arrange: a cluster with enough findings for a series of two parts of findings and a summary part.
    const big = await bigClusterFake();
    await fake.stop();
    fake = big.fake;
    service = await startService(fake, JSON.stringify({ clusters: [big.cluster], alerts: { minSeverity: 'low', mode: 'all' } }));
    const subscriber = await service.subscribeQueue('subscriber');
    await service.dispatch();
    // Every attempt of the second Publish fails (the SDK retries it 3 times).
    fake.setFaults({ failCalls: [{ action: 'Publish', calls: [2, 3, 4] }] });

    // Act
    const firstAttempt = await service.pollWorker();
    fake.setFaults({});
    const afterFirst = notifications(await service.receiveAll(subscriber));
    fake.messaging.advance((VISIBILITY_TIMEOUT_S + 1) * 1000);
    const retry = await service.pollWorker();
    const afterRetry = notifications(await service.receiveAll(subscriber));

    // Assert
    expect(firstAttempt).toEqual({ invoked: true, failed: true });
    expect(retry).toEqual({ invoked: true, failed: false });
    // The series is 3 parts with today's checks (2 of findings, then the summary); the assertions hold for any length.
    const count = envelope(afterFirst[0]!).part.count;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(afterFirst.map((n) => n.Subject.match(/\((\d+\/\d+)\)/)?.[1])).toEqual([`1/${count}`]);
    expect(afterRetry.map((n) => n.Subject.match(/\((\d+\/\d+)\)/)?.[1])).toEqual(Array.from({ length: count - 1 }, (_, i) => `${i + 2}/${count}`));
    expect(envelope(afterRetry[afterRetry.length - 1]!).part).toEqual({ index: count, count, summaryOnly: true });
    expect(await service.depth(service.auditQueue.url)).toBe(0);
  });

  it('changes mode over three runs: all new, then nothing, then one resolved and one new', async () => {
    // Arrange
    const cluster = JSON.parse(fleetConfig()).clusters[1] as Record<string, unknown>; // staging
    service = await startService(fake, fleetConfig({ clusters: [cluster], alerts: { minSeverity: 'low' } }));
    const subscriber = await service.subscribeQueue('subscriber');
    const run = async () => {
      await service.dispatch();
      await service.drain();
      return notifications(await service.receiveAll(subscriber));
    };

    // Act
    const run1 = await run();
    const run2 = await run();
    // Between runs 2 and 3 the account drifts: one untagged member instance gets its tag (resolved), one
    // tagged subnet loses it (new).
    const drift = driftDemo(fake);
    const run3 = await run();

    // Assert
    expect(run1).toHaveLength(1);
    const first = envelope(run1[0]!);
    expect(first.summary.new).toBeGreaterThan(0);
    expect(first.resolved).toEqual([]);
    expect(run2).toEqual([]);
    expect(run3).toHaveLength(1);
    const third = envelope(run3[0]!);
    expect(third.summary).toMatchObject({ new: 1, resolved: 1 });
    expect(third.new.map((f) => [f.check, f.resource.id])).toEqual([drift.added]);
    expect(third.resolved.map((f) => [f.check, f.resource.id])).toEqual([drift.removed]);
    expect(run3[0]!.Subject).toContain('1 new, 1 resolved');
  });

  it('each protocol receives its body: email the text, sqs/lambda the envelope, https (Amazon Q Developer) the chat card', async () => {
    // Arrange: alerts.format chatbot, as a Slack/Teams channel through Amazon Q Developer needs.
    service = await startService(fake, fleetConfig({ clusters: [JSON.parse(fleetConfig()).clusters[0]], alerts: { format: 'chatbot' } }));
    const sqsSubscriber = await service.subscribeQueue('subscriber');
    const { SubscribeCommand } = await import('@aws-sdk/client-sns');
    for (const [Protocol, Endpoint] of [['email', 'secops@example.com'], ['https', 'https://global.sns-api.chatbot.amazonaws.com'], ['lambda', 'arn:aws:lambda:us-west-1:123456789012:function:ticketing']]) {
      await service.clients.sns.send(new SubscribeCommand({ TopicArn: service.topicArn, Protocol, Endpoint }));
    }

    // Act
    await service.dispatch();
    await service.drain();

    // Assert
    const byProtocol = (protocol: string) => fake.messaging.deliveries.filter((d) => d.protocol === protocol);
    const [email] = byProtocol('email');
    const [https] = byProtocol('https');
    const [lambda] = byProtocol('lambda');
    expect(email!.body).toMatch(/^\[[A-Z]+\] kube-aws-audit prod-east: /u);
    expect(email!.body).toContain('Fix: ');
    // Amazon Q Developer reads the notification's Message as its custom notification schema.
    const card = JSON.parse((JSON.parse(https!.body) as Notification).Message) as { version: string; source: string; content: { textType: string; title: string; description: string } };
    expect(card).toMatchObject({ version: '1.0', source: 'custom', content: { textType: 'client-markdown' } });
    expect(card.content.title).toBe(email!.subject);
    expect(envelope(JSON.parse(lambda!.body) as Notification).type).toBe('kube-aws-audit.alert');
    const [queued] = notifications(await service.receiveAll(sqsSubscriber));
    expect(envelope(queued!).report?.uri).toMatch(/^s3:\/\/kube-aws-audit-state\/reports\/runs\//u);
  });

  it('a filter policy on cluster matches a message that covers two clusters (String.Array)', async () => {
    // Arrange: one on-demand style multi-cluster message is what a String.Array attribute must still match.
    service = await startService(fake, fleetConfig());
    const east = await service.subscribeQueue('east-only', { FilterPolicy: JSON.stringify({ cluster: ['prod-east'] }) });
    const staging = await service.subscribeQueue('staging-only', { FilterPolicy: JSON.stringify({ cluster: ['staging'] }) });
    const critical = await service.subscribeQueue('critical-only', { FilterPolicy: JSON.stringify({ severity: ['critical'], account: ['123456789012'] }) });
    const { SnsPublisher } = await import('../../lib/adapters/sns/sns-publisher.js');
    const { buildSnsMessages } = await import('../../lib/domain/report/sns-message.js');
    const { runAudit } = await import('../../lib/app/run-audit.js');
    const { SnapshotAccountSource } = await import('../../lib/adapters/snapshot/snapshot-account-source.js');
    const { withLocalDecisions } = await import('../../lib/app/with-local-decisions.js');
    const { parseConfig } = await import('../../lib/adapters/config/index.js');
    const config = parseConfig(fleetConfig(), 'config.yaml', {});
    const { report, changes } = await runAudit({ config, source: withLocalDecisions(new SnapshotAccountSource('fixtures/demo/snapshot')), clusters: ['prod-east', 'staging'] });
    const messages = buildSnsMessages(report, { minSeverity: 'medium', mode: 'all', format: 'text', changes });

    // Act
    await new SnsPublisher({ client: service.clients.sns }).publish(service.topicArn, messages);

    // Assert
    expect(JSON.parse(messages[0]!.messageAttributes.cluster!.StringValue)).toEqual(['prod-east', 'staging']);
    expect(await service.receiveAll(east)).toHaveLength(messages.length);
    expect(await service.receiveAll(staging)).toHaveLength(messages.length);
    const highest = JSON.parse(messages[0]!.messageAttributes.severity!.StringValue) as string[];
    expect(await service.receiveAll(critical)).toHaveLength(highest.includes('critical') ? messages.length : 0);
  });
});

/** A fake account with one cluster of many untagged member instances (each a `tags.instance.missing`). */
async function bigClusterFake(): Promise<{ fake: FakeAws; cluster: Record<string, unknown> }> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { writeSyntheticAccount } = await import('../support/synthetic-account.js');
  const dir = mkdtempSync(join(tmpdir(), 'kaa-big-'));
  writeSyntheticAccount(dir, { cluster: 'big', instances: 80 });
  const file = join(dir, 'ec2-describe-instances.json');
  const data = JSON.parse(readFileSync(file, 'utf8')) as { Reservations: { Instances: { Tags: { Key: string }[] }[] }[] };
  for (const r of data.Reservations) for (const i of r.Instances) i.Tags = i.Tags.filter((t) => !t.Key.startsWith('kubernetes.io/cluster/'));
  writeFileSync(file, JSON.stringify(data));
  const fake = await FakeAws.start({ snapshotDir: dir });
  return {
    fake,
    cluster: {
      name: 'big',
      region: 'us-west-1',
      account: '123456789012',
      roles: { controlPlane: 'arn:aws:iam::123456789012:role/big-control-plane', worker: 'arn:aws:iam::123456789012:role/big-worker' },
    },
  };
}

/** Changes the fake's demo account: tags one untagged staging member, untags one tagged staging subnet. */
function driftDemo(fake: FakeAws): { removed: [string, string]; added: [string, string] } {
  fake.edit(({ reservations, subnets }) => {
    for (const r of reservations) {
      for (const i of r.Instances as Record<string, unknown>[]) if (i.InstanceId === 'i-072edb1a5b437fd64') i.PrivateDnsName = 'ip-10-20-1-17.us-west-1.compute.internal';
    }
    const subnet = subnets.find((x) => x.SubnetId === 'subnet-02f7b24d3ba77fbc7') as { Tags: { Key: string; Value: string }[] };
    subnet.Tags = subnet.Tags.map((t) => (t.Key === 'kubernetes.io/cluster/staging' ? { ...t, Value: 'true' } : t));
  });
  return { removed: ['node.private-dns.missing', 'i-072edb1a5b437fd64'], added: ['tags.value.invalid', 'subnet-02f7b24d3ba77fbc7'] };
}
