import { describe, expect, it, jest } from '@jest/globals';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { recordAuditMetrics } from '../../../handlers/support/audit-metrics.js';
import { aMixedReport } from '../../support/findings.js';

describe('recordAuditMetrics', () => {
  it('adds findings by severity, could-not-check, new, resolved, suppressed, duration and messages', () => {
    const metrics = new Metrics({ namespace: 'test', serviceName: 'kube-aws-audit' });
    const add = jest.spyOn(metrics, 'addMetric').mockImplementation(() => metrics);

    recordAuditMetrics(metrics, aMixedReport(), { durationMs: 1234, published: 2, stateProblems: 1 });

    expect(add.mock.calls).toEqual([
      ['FindingsCritical', 'Count', 1],
      ['FindingsHigh', 'Count', 1],
      ['FindingsMedium', 'Count', 1],
      ['FindingsLow', 'Count', 0],
      ['FindingsInfo', 'Count', 1],
      ['FindingsCouldNotCheck', 'Count', 1],
      ['FindingsNew', 'Count', 5],
      ['FindingsResolved', 'Count', 1],
      ['FindingsSuppressed', 'Count', 1],
      ['AuditDuration', 'Milliseconds', 1234],
      ['AlertMessagesPublished', 'Count', 2],
      ['StateStoreProblems', 'Count', 1],
    ]);
  });
});
