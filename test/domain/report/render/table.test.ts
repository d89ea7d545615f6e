import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../../lib/domain/findings/finding.js';
import { stripAnsi, visibleLength } from '../../../../lib/domain/report/render/ansi.js';
import { renderTable } from '../../../../lib/domain/report/render/table.js';
import { aClusterReport, aFinding, aMixedReport, aReport } from '../../../support/findings.js';

const ESC = '\u001b';

describe('renderTable', () => {
  it('renders an empty report with header, coverage, "No findings." and a zero summary', () => {
    const text = renderTable(aReport([]));

    expect(text).toContain('kube-aws-audit 0.1.0 | run run-0001 | mode snapshot | IAM engine local');
    expect(text).toContain('== Cluster prod-east | account 123456789012 | us-west-1 | preset cloud-provider-aws');
    expect(text).toContain('coverage: 2 roles, 5 instances, 3 subnets, 2 route tables, 4 security groups, 120 IAM actions');
    expect(text).toContain('No findings.');
    expect(text).toContain('Summary: 0 critical, 0 high, 0 medium, 0 low, 0 info\n         0 could not check, 0 suppressed, 0 new, 0 resolved\n');
    expect(text).not.toContain('INCOMPLETE');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('has no escape characters without colour, and has them with colour', () => {
    const report = aMixedReport();

    const plain = renderTable(report, { color: false });
    const coloured = renderTable(report, { color: true });

    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(`${ESC}[`);
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('prints one line per finding with severity, status, check, resource, action and title, then detail and fix', () => {
    const text = renderTable(aMixedReport(), { width: 200 });

    expect(text).toContain('   CRITICAL  FAIL   iam.excess.admin  k8s-worker  Role allows every action ("*")\n' +
      '                    Policy AdministratorAccess grants * on *.\n' +
      '                    fix: Replace the grant with the least-privilege policy from `kube-aws-audit policy`.\n');
    expect(text).toContain('   HIGH      ERROR  iam.required.denied  k8s-control-plane  ec2:CreateRoute  Required action is not allowed\n' +
      '                    could not check: iam:SimulatePrincipalPolicy was denied (AccessDenied).\n');
  });

  it('groups by severity, critical first, suppressed last, and ends with the summary and the incomplete warning', () => {
    const text = renderTable(aMixedReport());

    const order = ['CRITICAL (1)', 'HIGH (2)', 'MEDIUM (1)', 'INFO (1)', 'SUPPRESSED (1)', 'Summary:', 'INCOMPLETE:'].map((h) => text.indexOf(h));
    expect(order.every((p, i) => p >= 0 && (i === 0 || p > order[i - 1]!))).toBe(true);
    expect(text).toContain('suppressed (until 2027-01-31): legacy subnet, migrating');
    expect(text).toContain('Summary: 1 critical, 1 high, 1 medium, 0 low, 1 info\n         1 could not check, 1 suppressed, 5 new, 1 resolved\n');
  });

  it('wraps prose to the width but never a command', () => {
    const long = 'word '.repeat(40).trim();
    const command = `aws ec2 create-tags --resources i-0123456789abcdef0 --tags Key=kubernetes.io/cluster/prod-east,Value=owned`;
    const report = aReport([aFinding({ detail: long, remediation: command })]);

    const lines = renderTable(report, { width: 60 }).split('\n');

    const commandLines = lines.filter((l) => l.includes('aws ec2 create-tags'));
    expect(commandLines).toEqual([`${' '.repeat(20)}fix: ${command}`]);
    expect(lines.filter((l) => l !== commandLines[0]).every((l) => visibleLength(l) <= 60)).toBe(true);
  });

  it('lists each cluster with its own findings, and findings of an unlisted cluster too', () => {
    const report = aReport(
      [aFinding(), aFinding({ cluster: 'prod-west', resource: { type: RESOURCE_TYPES.instance, id: 'i-west' } }),
        aFinding({ cluster: 'ghost', resource: { type: RESOURCE_TYPES.instance, id: 'i-ghost' } })],
      { clusters: [aClusterReport(), aClusterReport({ name: 'prod-west', notes: ['local IAM engine used'] })] },
    );

    const text = renderTable(report);

    const east = text.indexOf('== Cluster prod-east');
    const west = text.indexOf('== Cluster prod-west');
    const ghost = text.indexOf("== Cluster ghost | account 123456789012 | us-west-1 (not in the report's cluster list)");
    expect(east).toBeGreaterThanOrEqual(0);
    expect(west).toBeGreaterThan(east);
    expect(ghost).toBeGreaterThan(west);
    expect(text.indexOf('i-west')).toBeGreaterThan(west);
    expect(text.indexOf('i-ghost')).toBeGreaterThan(ghost);
    expect(text).toContain('note: local IAM engine used');
  });

  it('says "No open findings." when every finding of a cluster is suppressed', () => {
    const text = renderTable(aReport([aFinding({ suppressed: { reason: 'accepted' } })]));

    expect(text).toContain('No open findings.');
    expect(text).toContain('SUPPRESSED (1)');
  });
});
