import { describe, expect, it } from '@jest/globals';
import { RESOURCE_TYPES } from '../../../../lib/domain/findings/finding.js';
import { renderMarkdown } from '../../../../lib/domain/report/render/markdown.js';
import { aFinding, aMixedReport, aReport } from '../../../support/findings.js';

/** Rows of the GFM table that starts with `header`, split on unescaped pipes. */
function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

const FINDINGS_HEADER = '| Severity | Status | Check | Resource | Action | Title |';

describe('renderMarkdown', () => {
  it('renders an empty report: title, summary table, cluster coverage and "No findings."', () => {
    const md = renderMarkdown(aReport([]));

    expect(md.startsWith('# kube-aws-audit report: prod-east\n')).toBe(true);
    expect(tableRows(md, '| Summary | Count |')).toEqual([
      ['Critical', '0'], ['High', '0'], ['Medium', '0'], ['Low', '0'], ['Info', '0'],
      ['Could not check (errors)', '0'], ['Suppressed', '0'], ['New', '0'], ['Resolved', '0'],
    ]);
    expect(md).toContain('## Cluster prod-east');
    expect(md).toContain('Coverage: 2 roles, 5 instances, 3 subnets, 2 route tables, 4 security groups, 120 IAM actions evaluated.');
    expect(md).toContain('No findings.');
    expect(md).not.toContain('Incomplete');
    expect(md).not.toContain('<details>');
  });

  it('renders a mixed report: one table row and one details block per finding, suppressed last, errors flagged', () => {
    const report = aMixedReport();

    const md = renderMarkdown(report);

    const rows = tableRows(md, FINDINGS_HEADER);
    expect(rows).toHaveLength(report.findings.length);
    expect(rows.map((r) => r[0])).toEqual(['Critical', 'High', 'High', 'Medium', 'Info', 'Low']);
    expect(rows[1]).toEqual(['High', '**error** (could not check)', '`iam.required.denied`', '`k8s-control-plane`', '`ec2:CreateRoute`', 'Required action is not allowed']);
    expect(rows[5]?.[1]).toBe('fail, suppressed');
    expect(md.match(/<details>/g)).toHaveLength(report.findings.length);
    expect(md.match(/<\/details>/g)).toHaveLength(report.findings.length);
    expect(md).toContain('> **Incomplete:** 1 finding could not be checked');
    expect(md).toContain('Suppressed until 2027-01-31: legacy subnet, migrating');
  });

  it('puts command remediations in a shell code block and prose remediations inline with code spans', () => {
    const md = renderMarkdown(aMixedReport());

    expect(md).toContain('Remediation:\n\n```sh\naws ec2 create-tags --resources i-0123456789abcdef0 --tags Key=kubernetes.io/cluster/prod-east,Value=owned\n```');
    expect(md).toContain('Remediation: Replace the grant with the least-privilege policy from `kube-aws-audit policy`.');
    expect(md).toContain('```json\n{\n  "statements": [');
  });

  it('escapes pipes and line breaks in table cells so rows keep six cells', () => {
    const finding = aFinding({
      resource: { type: RESOURCE_TYPES.subnet, id: 'subnet|evil' },
      title: 'Title with | pipe\nand a line break',
      action: 'ec2:Describe|Things',
    });

    const md = renderMarkdown(aReport([finding]));

    const rows = tableRows(md, FINDINGS_HEADER);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(6);
    expect(rows[0]?.[3]).toBe('`subnet\\|evil`');
    expect(rows[0]?.[4]).toBe('`ec2:Describe\\|Things`');
    expect(rows[0]?.[5]).toBe('Title with \\| pipe\\\\nand a line break'); // a line break in a value shows as \n
  });

  it('escapes HTML and Markdown in finding text', () => {
    const md = renderMarkdown(aReport([aFinding({ detail: 'value <script>alert(1)</script> *bold*', title: '<img src=x>' })]));

    expect(md).not.toMatch(/(?<!\\)<script>/);
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('value \\<script\\>alert(1)\\</script\\> \\*bold\\*');
    expect(md).toContain('<summary>HIGH · tags.instance.missing · i-0123456789abcdef0: &lt;img src=x&gt;</summary>');
  });
});
