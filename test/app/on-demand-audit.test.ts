import { describe, expect, it } from '@jest/globals';
import { MemoryReportStore } from '../../lib/adapters/state/memory-report-store.js';
import { UsageError } from '../../lib/app/errors.js';
import { runOnDemandAudit } from '../../lib/app/on-demand-audit.js';
import { runScheduledAudit } from '../../lib/app/scheduled-audit.js';
import { configSchema } from '../../lib/domain/config/schema.js';
import { DEFAULTS } from '../support/builders.js';
import { FailingStore, FakePublisher, fakeSource, viewWithUnnamedInstances } from '../support/fake-delivery.js';

const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';
const roles = { controlPlane: DEFAULTS.controlPlaneRoleArn, worker: DEFAULTS.workerRoleArn };
const CONFIG = configSchema.parse({
  clusters: [
    { name: 'alpha', region: 'us-west-1', account: DEFAULTS.account, roles },
    { name: 'beta', region: 'us-west-1', account: DEFAULTS.account, roles },
  ],
  alerts: { topicArn: TOPIC, minSeverity: 'medium', mode: 'changes' },
});
const now = () => new Date('2026-05-01T10:00:00Z');
const source = () => fakeSource({ alpha: viewWithUnnamedInstances('alpha', ['i-0aaaaaaaaaaaaaaa1']), beta: viewWithUnnamedInstances('beta', ['i-0bbbbbbbbbbbbbbb1']) });

describe('runOnDemandAudit', () => {
  it('audits the selected clusters and families and publishes nothing unless asked', async () => {
    const publisher = new FakePublisher();

    const result = await runOnDemandAudit({ config: CONFIG, source: source(), clusters: ['beta'], families: ['nodes'], publisher, now });

    expect(result.report.clusters.map((c) => c.name)).toEqual(['beta']);
    expect(result.report.findings.map((f) => f.check)).toEqual(['node.private-dns.missing']);
    expect(result.published).toBe(0);
    expect(result.delivery).toBeUndefined();
    expect(publisher.published).toEqual([]);
  });

  it('compares with the scheduled runs’ reports without writing them', async () => {
    const store = new MemoryReportStore();
    await runScheduledAudit({ config: CONFIG, sourceFactory: source, store, now });
    const before = await store.get('123456789012/us-west-1');

    const result = await runOnDemandAudit({ config: CONFIG, source: source(), families: ['nodes'], store, now });

    expect(result.report.summary).toMatchObject({ new: 0, resolved: 0 });
    expect(await store.get('123456789012/us-west-1')).toEqual(before);
  });

  it('does not count findings of families it did not run as resolved', async () => {
    const store = new MemoryReportStore();
    await runScheduledAudit({ config: CONFIG, sourceFactory: source, store, now });

    const result = await runOnDemandAudit({ config: CONFIG, source: source(), families: ['tags'], store, now });

    expect(result.report.summary.resolved).toBe(0);
    expect(result.changes.resolved).toEqual([]);
  });

  it('publishes when asked, in mode all even when nothing changed', async () => {
    const store = new MemoryReportStore();
    await runScheduledAudit({ config: CONFIG, sourceFactory: source, store, now });
    const publisher = new FakePublisher();

    const result = await runOnDemandAudit({ config: CONFIG, source: source(), store, publisher, publish: true, now });

    expect(result.delivery).toMatchObject({ published: 1, mode: 'all' });
    expect(publisher.messages()[0]?.subject).toBe('[HIGH] kube-aws-audit alpha +1: 2 open, 0 new, 0 resolved');
  });

  it('goes on without the previous reports when the store cannot be read, and says so', async () => {
    const store = new FailingStore({ get: new Error('cannot read previous report: AccessDenied') });

    const result = await runOnDemandAudit({ config: CONFIG, source: source(), store, now });

    expect(result.report.summary.new).toBe(2);
    expect(result.report.clusters.map((c) => c.notes)).toEqual([
      ['could not load the previous report (cannot read previous report: AccessDenied): every finding counts as new, nothing as resolved'],
      ['could not load the previous report (cannot read previous report: AccessDenied): every finding counts as new, nothing as resolved'],
    ]);
  });

  it('rejects a cluster name that is not configured', async () => {
    await expect(runOnDemandAudit({ config: CONFIG, source: source(), clusters: ['gamma'], now })).rejects.toBeInstanceOf(UsageError);
  });
});
