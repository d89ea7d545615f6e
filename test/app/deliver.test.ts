import { describe, expect, it } from '@jest/globals';
import { deliverReport } from '../../lib/app/deliver.js';
import type { AlertsConfig } from '../../lib/domain/config/schema.js';
import { changesWithoutPrevious } from '../../lib/domain/findings/diff.js';
import type { Report } from '../../lib/domain/report/report.js';
import { FakePublisher } from '../support/fake-delivery.js';
import { aFinding, aMixedReport, aReport } from '../support/findings.js';

/** The changes of a run without a previous report: every open finding is new. */
const firstRun = (report: Report) => changesWithoutPrevious(report.findings);

const TOPIC = 'arn:aws:sns:us-west-1:123456789012:kube-aws-audit';
const ALERTS: AlertsConfig = { topicArn: TOPIC, minSeverity: 'medium', mode: 'changes', format: 'text' };

describe('deliverReport', () => {
  it('publishes the run’s messages to the configured topic', async () => {
    const publisher = new FakePublisher();

    const result = await deliverReport({ report: aMixedReport(), alerts: ALERTS, publisher, changes: firstRun(aMixedReport()) });

    expect(result).toEqual({ published: 1, topicArn: TOPIC, mode: 'changes', messageIds: ['message-1-1'] });
    expect(publisher.published[0]?.topicArn).toBe(TOPIC);
    expect(publisher.messages()[0]?.subject).toBe('[CRITICAL] kube-aws-audit prod-east: 5 new, 1 resolved, 1 error');
  });

  it('publishes nothing when alerting is off', async () => {
    const publisher = new FakePublisher();

    await expect(deliverReport({ report: aMixedReport(), alerts: undefined, publisher, changes: firstRun(aMixedReport()) })).resolves.toEqual({ published: 0, messageIds: [], skipped: 'no-topic' });
    await expect(deliverReport({ report: aMixedReport(), alerts: { ...ALERTS, topicArn: undefined }, publisher, changes: firstRun(aMixedReport()) })).resolves.toMatchObject({ skipped: 'no-topic' });
    expect(publisher.published).toEqual([]);
  });

  it('says when there is a topic but no publisher', async () => {
    await expect(deliverReport({ report: aMixedReport(), alerts: ALERTS, publisher: undefined, changes: firstRun(aMixedReport()) })).resolves.toMatchObject({ published: 0, skipped: 'no-publisher' });
  });

  it('publishes nothing when the alert settings find nothing to report, and the mode can be overridden', async () => {
    const publisher = new FakePublisher();
    const report = aReport([aFinding({ severity: 'high' })], { newIds: [] });
    const changes = { newIds: [], resolved: [] };

    await expect(deliverReport({ report, alerts: ALERTS, publisher, changes })).resolves.toMatchObject({ published: 0, skipped: 'nothing-to-report' });
    await expect(deliverReport({ report, alerts: ALERTS, publisher, changes, mode: 'all' })).resolves.toMatchObject({ published: 1, mode: 'all' });
  });

  it('lets a publishing failure through', async () => {
    const publisher = new FakePublisher(new Error('sns:Publish failed'));

    await expect(deliverReport({ report: aMixedReport(), alerts: ALERTS, publisher, changes: firstRun(aMixedReport()) })).rejects.toThrow('sns:Publish failed');
  });
});
