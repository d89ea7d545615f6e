import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';
import { buildReport, compareFindings, exitCodeFor } from '../../../lib/domain/report/build-report.js';
import { aClusterReport, aFinding, aReport } from '../../support/findings.js';

describe('buildReport', () => {
  it('builds an empty report with zero counts', () => {
    const report = buildReport({
      tool: { name: 'kube-aws-audit', version: '0.1.0' }, runId: 'r1', startedAt: 's', finishedAt: 'f',
      mode: 'live', iamEngine: 'aws-simulation', clusters: [aClusterReport()], findings: [],
    });

    expect(report).toEqual({
      schemaVersion: 1, tool: { name: 'kube-aws-audit', version: '0.1.0' }, runId: 'r1', startedAt: 's', finishedAt: 'f',
      mode: 'live', iamEngine: 'aws-simulation', clusters: [aClusterReport()],
      summary: { critical: 0, high: 0, medium: 0, low: 0, info: 0, errors: 0, new: 0, resolved: 0, suppressed: 0 },
      findings: [],
    });
  });

  it('counts unsuppressed fail findings by severity, errors and suppressed apart', () => {
    const findings = [
      aFinding({ severity: 'critical', check: 'iam.excess.admin' }),
      aFinding({ severity: 'high' }),
      aFinding({ severity: 'high', check: 'tags.sg.none-tagged' }),
      aFinding({ severity: 'low', check: 'tags.value.invalid', suppressed: { reason: 'ok' } }),
      aFinding({ severity: 'high', check: 'node.private-dns.missing', status: 'error' }),
      aFinding({ severity: 'medium', check: 'tags.subnet.missing', status: 'error', suppressed: { reason: 'known gap' } }),
      aFinding({ severity: 'info', check: 'iam.optional.denied', action: 'ec2:DescribeInstanceTopology' }),
    ];

    const report = aReport(findings, { newIds: [findings[0]!.id, findings[3]!.id, 'not-a-finding'], resolved: 2 });

    expect(report.summary).toEqual({ critical: 1, high: 2, medium: 0, low: 0, info: 1, errors: 1, new: 1, resolved: 2, suppressed: 2 });
  });

  it('counts every unsuppressed finding as new when no diff is given', () => {
    const report = aReport([aFinding(), aFinding({ status: 'error', check: 'tags.sg.none-tagged' }), aFinding({ check: 'tags.value.invalid', suppressed: { reason: 'x' } })]);

    expect(report.summary.new).toBe(2);
    expect(report.summary.resolved).toBe(0);
  });

  it('sorts by severity, then errors first, then check, cluster, resource and action', () => {
    const role = (id: string) => ({ type: RESOURCE_TYPES.role, id });
    const f = {
      low: aFinding({ severity: 'low', check: 'a.low' }),
      highB: aFinding({ severity: 'high', check: 'b.check' }),
      highA: aFinding({ severity: 'high', check: 'a.check' }),
      highError: aFinding({ severity: 'high', check: 'z.check', status: 'error' }),
      critical: aFinding({ severity: 'critical', check: 'z.check' }),
      clusterB: aFinding({ severity: 'medium', check: 'm', cluster: 'b-cluster', resource: role('r1') }),
      clusterA: aFinding({ severity: 'medium', check: 'm', cluster: 'a-cluster', resource: role('r2') }),
      actionB: aFinding({ severity: 'medium', check: 'm', cluster: 'a-cluster', resource: role('r3'), action: 'ec2:B' }),
      actionA: aFinding({ severity: 'medium', check: 'm', cluster: 'a-cluster', resource: role('r3'), action: 'ec2:a' }),
    };

    const report = aReport(Object.values(f));

    expect(report.findings).toEqual([f.critical, f.highError, f.highA, f.highB, f.clusterA, f.actionA, f.actionB, f.clusterB, f.low]);
  });

  it('does not reorder the input array', () => {
    const input = [aFinding({ severity: 'low' }), aFinding({ severity: 'critical' })];

    aReport(input);

    expect(input.map((f) => f.severity)).toEqual(['low', 'critical']);
  });
});

describe('compareFindings', () => {
  it('is 0 only for the same finding', () => {
    const a = aFinding();

    expect(compareFindings(a, { ...a })).toBe(0);
    expect(compareFindings(a, aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-1' } }))).not.toBe(0);
  });
});

describe('exitCodeFor', () => {
  it('is 0 for an empty report', () => {
    expect(exitCodeFor(aReport([]), 'high')).toBe(0);
  });

  it('is 1 when a fail finding is at or above the threshold', () => {
    const report = aReport([aFinding({ severity: 'high' })]);

    expect(exitCodeFor(report, 'high')).toBe(1);
    expect(exitCodeFor(report, 'medium')).toBe(1);
    expect(exitCodeFor(report, 'critical')).toBe(0);
  });

  it('is 0 with --fail-on none whatever the findings', () => {
    expect(exitCodeFor(aReport([aFinding({ severity: 'critical' })]), 'none')).toBe(0);
  });

  it('ignores suppressed findings', () => {
    const report = aReport([aFinding({ severity: 'critical', suppressed: { reason: 'accepted' } })]);

    expect(exitCodeFor(report, 'info')).toBe(0);
  });

  it('is 3 when an unsuppressed finding could not be checked, even below the threshold or with none', () => {
    const report = aReport([aFinding({ severity: 'critical' }), aFinding({ severity: 'info', status: 'error', check: 'tags.sg.none-tagged' })]);

    expect(exitCodeFor(report, 'high')).toBe(3);
    expect(exitCodeFor(report, 'none')).toBe(3);
  });

  it('is not 3 for a suppressed error finding', () => {
    const report = aReport([aFinding({ status: 'error', suppressed: { reason: 'known gap' } })]);

    expect(exitCodeFor(report, 'high')).toBe(0);
  });
});
