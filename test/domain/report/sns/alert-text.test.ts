import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES, type Finding } from '../../../../lib/domain/findings/finding.js';
import { findingBlock, isListed, renderAlertText, resolvedLine, type AlertTextInput } from '../../../../lib/domain/report/sns/alert-text.js';
import { aClusterReport, aFinding, aMixedReport, aReport } from '../../../support/findings.js';

function input(overrides: Partial<AlertTextInput> = {}): AlertTextInput {
  const report = overrides.report ?? aMixedReport();
  return {
    report,
    subject: 'SUBJECT',
    findings: report.findings,
    newIds: new Set(report.findings.map((f) => f.id)),
    resolved: [],
    resolvedTotal: report.summary.resolved,
    minSeverity: 'medium',
    part: { index: 1, count: 1, first: 1, last: report.findings.length, total: report.findings.length },
    ...overrides,
  };
}

describe('renderAlertText', () => {
  it('starts with the subject, the run, the clusters with their notes and the exact summary', () => {
    const report = aReport([aFinding()], { clusters: [aClusterReport({ notes: ['IAM engine fell back to local:\nAccessDenied'] })] });

    const text = renderAlertText(input({ report }));

    expect(text.split('\n').slice(0, 5)).toEqual([
      'SUBJECT',
      '',
      'Run       run-0001 (snapshot, IAM engine local), 2026-01-05T10:00:00.000Z to 2026-01-05T10:00:04.000Z',
      'Cluster   prod-east: account 123456789012, us-west-1, preset cloud-provider-aws',
      '          note: IAM engine fell back to local:\\nAccessDenied',
    ]);
    expect(text).toContain('Summary   0 critical, 1 high, 0 medium, 0 low, 0 info; 0 could not be checked; 1 new, 0 resolved, 0 suppressed');
  });

  it('lists findings that could not be checked first, then by severity, each with resource, detail and fix', () => {
    const text = renderAlertText(input());

    const headings = text.split('\n').filter((l) => /^[A-Z ]+ \(\d+\)$/.test(l));
    expect(headings).toEqual(['COULD NOT CHECK (1)', 'CRITICAL (1)', 'HIGH (1)', 'MEDIUM (1)', 'RESOLVED SINCE THE LAST RUN (1)']);
    expect(text).toContain(
      '- [NEW] tags.instance.missing: Cluster instance without the cluster tag\n' +
        '    AWS::EC2::Instance i-0123456789abcdef0 cluster prod-east (123456789012, us-west-1)\n' +
        '    Instance i-0123456789abcdef0 is a cluster member through its instance profile but has no cluster tag.\n' +
        '    Fix: aws ec2 create-tags',
    );
    expect(text).toContain('Incomplete: findings that could not be checked are not a pass');
  });

  it('marks only new findings as new', () => {
    const text = renderAlertText(input({ newIds: new Set() }));

    expect(text).not.toContain('[NEW]');
  });

  it('lists resolved findings in the first part with an exact count', () => {
    const gone = aFinding({ resource: { type: RESOURCE_TYPES.instance, id: 'i-gone' } });

    const text = renderAlertText(input({ resolved: [gone], resolvedTotal: 3 }));

    expect(text).toContain(`RESOLVED SINCE THE LAST RUN (3)\n${resolvedLine(gone)}\n- and 2 more`);
  });

  it('in a series, says which findings the part holds and that the summary is of the whole run', () => {
    const report = aMixedReport();

    const text = renderAlertText(input({ findings: report.findings.slice(2, 4), part: { index: 2, count: 3, first: 3, last: 4, total: 6 } }));

    expect(text).toContain('Part 2 of 3: findings 3-4 of 6. The summary counts the whole run.');
    expect(text).not.toContain('RESOLVED SINCE');
  });

  it('says what it does not list and where to find it', () => {
    expect(renderAlertText(input())).toContain('Not listed here: 1 below medium, 1 suppressed.\nA JSON envelope of the new and resolved findings');
    expect(renderAlertText({ ...input(), reportLocation: 's3://b/k.json' })).toContain('Not listed here: 1 below medium, 1 suppressed.\nFull report (every finding with its evidence): s3://b/k.json');
  });

  it('says when nothing is open', () => {
    const report = aReport([], { resolved: 1 });

    expect(renderAlertText(input({ report, findings: [] }))).toContain('No open findings.');
  });

  it('shows control characters and line breaks in finding text as visible escapes, on the finding\'s own lines', () => {
    const f = aFinding({ detail: 'line one\r\nline\u001b[31m two\u0007', remediation: 'step 1\nstep 2' });

    expect(findingBlock(f, false, false)).toBe(
      `- tags.instance.missing: ${f.title}\n    AWS::EC2::Instance i-0123456789abcdef0 cluster prod-east (123456789012, us-west-1)\n` +
        '    line one\\r\\nline\\x1b[31m two\\x07\n    Fix: step 1\\nstep 2',
    );
  });
});

describe('isListed', () => {
  const base: Finding = aFinding({ severity: 'low' });

  it('lists open findings at or above the threshold and every open error', () => {
    expect(isListed(base, 'low')).toBe(true);
    expect(isListed(base, 'medium')).toBe(false);
    expect(isListed({ ...base, status: 'error' }, 'critical')).toBe(true);
    expect(isListed({ ...base, status: 'error', suppressed: { reason: 'x' } }, 'info')).toBe(false);
  });
});
