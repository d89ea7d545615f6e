import type { Finding } from '../../findings/finding.js';
import { SEVERITIES, type Severity } from '../../findings/severity.js';
import { compareFindings } from '../build-report.js';
import type { Report } from '../report.js';
import { clusterSections, type ClusterSection } from './cluster-sections.js';
import { cell, codeBlock, codeSpan, escapeHtml, escapeText, proseWithCode } from './markdown-text.js';
import { describeProviderSettings } from '../../provider/settings.js';

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
/** Remediations that are commands (or several lines) go into a code block, ready to copy. */
const COMMAND = /^(aws|kubectl|eksctl|kops)\s/m;

/**
 * Markdown for incident channels and tickets (GitHub-flavoured): a title, the run line, a summary table, and per
 * cluster its coverage, notes and a findings table by severity (suppressed findings last, marked), then every
 * finding's detail, remediation and evidence in a `<details>` block. Every piece of finding text is escaped:
 * `|` and line breaks in table cells cannot break the table, and HTML or Markdown in a tag value shows literally.
 */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = [];
  const clusters = report.clusters.map((c) => c.name);
  out.push(`# ${escapeText(report.tool.name)} report${clusters.length > 0 ? `: ${escapeText(clusters.join(', '))}` : ''}`, '');
  out.push(
    `Run ${codeSpan(report.runId)} · ${report.mode} mode · IAM engine ${codeSpan(report.iamEngine)} · ` +
      `${escapeText(report.startedAt)} to ${escapeText(report.finishedAt)} · ${escapeText(report.tool.name)} ${escapeText(report.tool.version)}`,
    '',
  );
  if (s.errors > 0) {
    out.push(
      `> **Incomplete:** ${s.errors} finding${s.errors === 1 ? '' : 's'} could not be checked (status \`error\`); ` +
        'those resources were not verified.',
      '',
    );
  }
  out.push('| Summary | Count |', '| --- | ---: |');
  for (const sev of SEVERITIES) out.push(`| ${SEVERITY_LABEL[sev]} | ${s[sev]} |`);
  out.push(`| Could not check (errors) | ${s.errors} |`, `| Suppressed | ${s.suppressed} |`, `| New | ${s.new} |`, `| Resolved | ${s.resolved} |`);

  for (const section of clusterSections(report)) out.push('', ...clusterSection(section));
  return `${out.join('\n')}\n`;
}

function clusterSection(section: ClusterSection): string[] {
  const out = [`## Cluster ${escapeText(section.name)}`, ''];
  const c = section.cluster;
  if (c) {
    const cov = c.coverage;
    out.push(
      `Account ${codeSpan(c.account)} · region ${codeSpan(c.region)} · preset ${codeSpan(c.preset)}`,
      '',
      `Coverage: ${cov.roles} roles, ${cov.instances} instances, ${cov.subnets} subnets, ${cov.routeTables} route tables, ` +
        `${cov.securityGroups} security groups, ${cov.actionsEvaluated} IAM actions evaluated.`,
      '',
      ...(cov.provider ? [`Provider settings: ${escapeText(describeProviderSettings(cov.provider))}.`, ''] : []),
    );
    for (const note of c.notes ?? []) out.push(`- Note: ${escapeText(note)}`);
    if ((c.notes ?? []).length > 0) out.push('');
  } else {
    out.push(`Account ${codeSpan(section.account)} · region ${codeSpan(section.region)} (not in the report's cluster list)`, '');
  }
  if (section.findings.length === 0) return [...out, 'No findings.'];

  const ordered = [
    ...section.findings.filter((f) => !f.suppressed).sort(compareFindings),
    ...section.findings.filter((f) => f.suppressed).sort(compareFindings),
  ];
  out.push('| Severity | Status | Check | Resource | Action | Title |', '| --- | --- | --- | --- | --- | --- |');
  for (const f of ordered) {
    const status = f.status === 'error' ? '**error** (could not check)' : 'fail';
    const row = [
      SEVERITY_LABEL[f.severity],
      f.suppressed ? `${status}, suppressed` : status,
      codeSpan(f.check),
      codeSpan(f.resource.id),
      f.action === undefined ? '' : codeSpan(f.action),
      escapeText(f.title),
    ];
    out.push(`| ${row.map(cell).join(' | ')} |`);
  }
  out.push('');
  for (const f of ordered) out.push(...details(f), '');
  out.pop();
  return out;
}

function details(f: Finding): string[] {
  const head = [f.severity.toUpperCase(), f.status === 'error' ? 'ERROR' : undefined, f.check, f.resource.id, f.action]
    .filter((p): p is string => p !== undefined)
    .join(' · ');
  const out = ['<details>', `<summary>${escapeHtml(`${head}: ${f.title}`)}</summary>`, ''];
  out.push(`**${escapeText(f.title)}**${f.status === 'error' ? ' (could not check)' : ''}`, '');
  out.push(escapeText(f.detail), '');
  const meta = [`Finding ${codeSpan(f.id)}`, `resource type ${codeSpan(f.resource.type)}`];
  if (f.resource.arn !== undefined) meta.push(`ARN ${codeSpan(f.resource.arn)}`);
  if (f.firstSeen !== undefined) meta.push(`first seen ${escapeText(f.firstSeen)}`);
  out.push(`${meta.join(' · ')}`, '');
  if (f.suppressed) {
    const until = f.suppressed.expires === undefined ? '' : ` until ${escapeText(f.suppressed.expires)}`;
    out.push(`Suppressed${until}: ${escapeText(f.suppressed.reason)}`, '');
  }
  if (f.remediation !== undefined) {
    if (COMMAND.test(f.remediation) || f.remediation.includes('\n')) {
      out.push('Remediation:', '', codeBlock(f.remediation, COMMAND.test(f.remediation) ? 'sh' : ''), '');
    } else {
      out.push(`Remediation: ${proseWithCode(f.remediation)}`, '');
    }
  }
  if (f.evidence !== undefined) out.push('Evidence:', '', codeBlock(JSON.stringify(f.evidence, null, 2), 'json'), '');
  out.push('</details>');
  return out;
}
