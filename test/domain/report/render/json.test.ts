import { describe, expect, it } from '@jest/globals';
import { renderJson } from '../../../../lib/domain/report/render/json.js';
import { aFinding, aMixedReport, aReport } from '../../../support/findings.js';

const TOP = ['schemaVersion', 'tool', 'runId', 'startedAt', 'finishedAt', 'mode', 'iamEngine', 'clusters', 'summary', 'findings'];
const SUMMARY = ['critical', 'high', 'medium', 'low', 'info', 'errors', 'new', 'resolved', 'suppressed'];
const CLUSTER = ['name', 'account', 'region', 'preset', 'coverage'];
const COVERAGE = ['roles', 'instances', 'subnets', 'routeTables', 'securityGroups', 'actionsEvaluated'];
const FINDING = ['id', 'check', 'severity', 'status', 'cluster', 'account', 'region', 'resource', 'action', 'title', 'detail',
  'evidence', 'remediation', 'firstSeen', 'suppressed'];

/** True when `keys` appear in the same relative order as in `contract`, and all are in it. */
function inContractOrder(keys: string[], contract: string[]): boolean {
  const positions = keys.map((k) => contract.indexOf(k));
  return positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!));
}

describe('renderJson', () => {
  it('renders an empty report as the contract, 2-space indented, ending with a newline', () => {
    const report = aReport([]);

    const text = renderJson(report);

    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "schemaVersion": 1,\n');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(TOP);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('round-trips a mixed report with every key in contract order', () => {
    const report = aMixedReport();

    const parsed = JSON.parse(renderJson(report)) as {
      summary: object; clusters: Array<{ coverage: object }>; findings: Array<Record<string, unknown>>;
    };

    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(Object.keys(parsed.summary)).toEqual(SUMMARY);
    expect(Object.keys(parsed.clusters[0]!)).toEqual(CLUSTER);
    expect(Object.keys(parsed.clusters[0]!.coverage)).toEqual(COVERAGE);
    expect(parsed.findings).toHaveLength(report.findings.length);
    for (const f of parsed.findings) {
      expect(inContractOrder(Object.keys(f), FINDING)).toBe(true);
      expect(Object.keys(f.resource as object)[0]).toBe('type');
    }
  });

  it('writes keys in contract order whatever order the objects were built in', () => {
    const scrambled = aFinding({ remediation: 'fix it', action: 'ec2:CreateRoute', firstSeen: '2026-01-01T00:00:00Z',
      suppressed: { expires: '2027-01-01', reason: 'why' } });
    const reversed = Object.fromEntries(Object.entries(scrambled).reverse()) as typeof scrambled;
    reversed.resource = { arn: 'arn:aws:ec2:us-west-1:123456789012:instance/i-1', id: 'i-1', type: 'AWS::EC2::Instance' };

    const parsed = JSON.parse(renderJson(aReport([reversed]))) as { findings: Array<Record<string, Record<string, unknown>>> };

    const f = parsed.findings[0]!;
    expect(Object.keys(f)).toEqual(FINDING.filter((k) => k !== 'evidence'));
    expect(Object.keys(f.resource!)).toEqual(['type', 'id', 'arn']);
    expect(Object.keys(f.suppressed!)).toEqual(['reason', 'expires']);
  });

  it('keeps cluster notes (an additive extension) after the contract keys', () => {
    const report = aReport([], { clusters: [{ ...aReport().clusters[0]!, notes: ['IAM simulation denied; local engine used'] }] });

    const parsed = JSON.parse(renderJson(report)) as { clusters: Array<Record<string, unknown>> };

    expect(Object.keys(parsed.clusters[0]!)).toEqual([...CLUSTER, 'notes']);
  });
});
