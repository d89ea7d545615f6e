import { describe, expect, it } from '@jest/globals';
import { MemoryReportStore } from '../../lib/adapters/state/memory-report-store.js';
import { runScheduledAudit } from '../../lib/app/scheduled-audit.js';
import { configSchema, type AuditConfig } from '../../lib/domain/config/schema.js';
import type { SnsMessage } from '../../lib/domain/report/sns-message.js';
import { DEFAULTS } from '../support/builders.js';
import { FailingStore, FakePublisher, fakeSource, viewWithUnnamedInstances } from '../support/fake-delivery.js';

const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';
const roles = { controlPlane: DEFAULTS.controlPlaneRoleArn, worker: DEFAULTS.workerRoleArn };
let minute = 0;
const now = () => new Date(Date.UTC(2026, 4, 1, 10, minute++));

function config(alerts: Record<string, unknown> | null = { topicArn: TOPIC, minSeverity: 'medium', mode: 'changes' }): AuditConfig {
  return configSchema.parse({
    clusters: [
      { name: 'alpha', region: 'us-west-1', account: DEFAULTS.account, roles },
      { name: 'beta', region: 'eu-west-1', account: DEFAULTS.account, roles },
    ],
    ...(alerts === null ? {} : { alerts }),
  });
}

function views(alpha: string[], beta: string[] = ['i-0bbbbbbbbbbbbbbb1']) {
  return { alpha: viewWithUnnamedInstances('alpha', alpha), beta: viewWithUnnamedInstances('beta', beta) };
}

function body(message: SnsMessage | undefined): { email: string; sqs: string } {
  return JSON.parse(message?.message ?? '{}') as { email: string; sqs: string };
}

describe('runScheduledAudit', () => {
  it('on the first run, counts every finding as new, stores one report per account and region, and alerts', async () => {
    // Arrange
    const store = new MemoryReportStore();
    const publisher = new FakePublisher();
    const source = fakeSource(views(['i-0aaaaaaaaaaaaaaa1']));

    // Act
    const result = await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });

    // Assert
    expect(result.report.summary).toMatchObject({ high: 2, new: 2, resolved: 0 });
    expect(result.published).toBe(1);
    expect(publisher.messages()[0]?.subject).toBe('[HIGH] kube-aws-audit alpha +1: 2 new, 0 resolved');
    expect(store.keys()).toEqual(['123456789012/eu-west-1', '123456789012/us-west-1']);
    const stored = await store.get('123456789012/us-west-1');
    expect(stored?.clusters.map((c) => c.name)).toEqual(['alpha']);
    expect(stored?.findings.map((f) => f.resource.id)).toEqual(['i-0aaaaaaaaaaaaaaa1']);
    expect(result.stateProblems).toEqual([]);
  });

  it('publishes nothing on an unchanged run in mode changes, and still stores it', async () => {
    const store = new MemoryReportStore();
    const publisher = new FakePublisher();
    const source = fakeSource(views(['i-0aaaaaaaaaaaaaaa1']));
    const first = await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });

    const second = await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });

    expect(second.report.summary).toMatchObject({ high: 2, new: 0, resolved: 0 });
    expect(second.delivery).toMatchObject({ published: 0, skipped: 'nothing-to-report' });
    expect(publisher.published).toHaveLength(1);
    expect((await store.get('123456789012/us-west-1'))?.runId).toBe(second.report.runId);
    expect(second.report.findings.map((f) => f.firstSeen)).toEqual(first.report.findings.map((f) => f.firstSeen));
  });

  it('alerts on new and resolved findings against the stored reports, with the same counts as the report', async () => {
    const store = new MemoryReportStore();
    const publisher = new FakePublisher();
    const source = fakeSource(views(['i-0aaaaaaaaaaaaaaa1']));
    await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });
    source.views.alpha = viewWithUnnamedInstances('alpha', ['i-0aaaaaaaaaaaaaaa2']);

    const result = await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });

    expect(result.report.summary).toMatchObject({ new: 1, resolved: 1 });
    expect(result.changes.resolved.map((f) => f.resource.id)).toEqual(['i-0aaaaaaaaaaaaaaa1']);
    const message = publisher.messages()[1];
    expect(message?.subject).toBe('[HIGH] kube-aws-audit alpha +1: 1 new, 1 resolved');
    expect(body(message).email).toContain('- [NEW] node.private-dns.missing');
    expect(body(message).email).toContain('RESOLVED SINCE THE LAST RUN (1)\n- node.private-dns.missing on AWS::EC2::Instance i-0aaaaaaaaaaaaaaa1');
  });

  it('never takes an unreadable store for a first run: notes it and alerts in mode all', async () => {
    // Arrange
    const store = new FailingStore({ get: new Error('cannot read previous report s3://b/reports/123456789012/us-west-1.json: AccessDenied: Access Denied') });
    const publisher = new FakePublisher();
    const alerts = { topicArn: TOPIC, minSeverity: 'high', mode: 'changes' };
    const source = fakeSource(views(['i-0aaaaaaaaaaaaaaa1']));

    // Act
    const result = await runScheduledAudit({ config: config(alerts), sourceFactory: () => source, store, publisher, now });

    // Assert
    expect(result.stateProblems.map((p) => [p.key, p.operation])).toEqual([
      ['123456789012/us-west-1', 'load'],
      ['123456789012/eu-west-1', 'load'],
    ]);
    expect(result.delivery.mode).toBe('all');
    expect(result.report.clusters[0]?.notes?.[0]).toMatch(/^could not load the previous report \(cannot read .*AccessDenied.*\): every finding counts as new/);
    expect(publisher.messages()[0]?.subject).toBe('[HIGH] kube-aws-audit alpha +1: 2 open, 2 new, 0 resolved');
    expect(body(publisher.messages()[0]).email).toContain('note: could not load the previous report');
  });

  it('publishes before storing, and notes a report it could not store', async () => {
    const store = new FailingStore({ put: new Error('cannot write previous report s3://b/x.json: SlowDown: reduce') });
    const publisher = new FakePublisher();

    const result = await runScheduledAudit({ config: config(), sourceFactory: () => fakeSource(views(['i-0aaaaaaaaaaaaaaa1'])), store, publisher, now });

    expect(result.stateProblems.map((p) => p.operation)).toEqual(['store', 'store']);
    expect(result.published).toBe(1);
    expect(result.report.clusters[0]?.notes).toEqual([
      'could not store this report (cannot write previous report s3://b/x.json: SlowDown: reduce): the next run compares with an older report',
    ]);
  });

  it('alerts on a cluster that could not be collected, even when nothing else changed', async () => {
    const store = new MemoryReportStore();
    const publisher = new FakePublisher();
    const source = fakeSource(views(['i-0aaaaaaaaaaaaaaa1']));
    await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });
    source.views.beta = Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });

    const result = await runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now });

    expect(result.report.summary.errors).toBeGreaterThan(0);
    expect(result.report.summary.resolved).toBe(0);
    expect(result.published).toBe(1);
    expect(body(publisher.messages()[1]).email).toContain('COULD NOT CHECK');
  });

  it('without a store, treats each run as a first run; without alerts, publishes nothing', async () => {
    const publisher = new FakePublisher();

    const result = await runScheduledAudit({ config: config(null), sourceFactory: () => fakeSource(views(['i-0aaaaaaaaaaaaaaa1'])), publisher, now });

    expect(result.report.summary.new).toBe(2);
    expect(result.delivery).toEqual({ published: 0, messageIds: [], skipped: 'no-topic' });
    expect(publisher.published).toEqual([]);
  });

  it('lets a publishing failure through without storing the state, so a retry alerts again', async () => {
    const store = new MemoryReportStore();
    const source = fakeSource(views(['i-0aaaaaaaaaaaaaaa1']));

    const run = runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher: new FakePublisher(new Error('publish failed')), now });

    await expect(run).rejects.toThrow('publish failed');
    expect(store.keys()).toEqual([]);
    const publisher = new FakePublisher();
    await expect(runScheduledAudit({ config: config(), sourceFactory: () => source, store, publisher, now })).resolves.toMatchObject({ published: 1 });
  });
});
