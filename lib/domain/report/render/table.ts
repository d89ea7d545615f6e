import type { Finding } from '../../findings/finding.js';
import { SEVERITIES, type Severity } from '../../findings/severity.js';
import { compareFindings } from '../build-report.js';
import type { Report } from '../report.js';
import { clusterSections, type ClusterSection } from './cluster-sections.js';
import { painter, type AnsiStyle, type Paint } from './ansi.js';
import { displayText as shown } from './untrusted-text.js';
import { wrap } from './wrap.js';
import { describeProviderSettings } from '../../provider/settings.js';

/** Options of {@link renderTable}. */
export interface TableOptions {
  /** ANSI colour; the CLI passes `process.stdout.isTTY && !NO_COLOR`. Default false. */
  color?: boolean;
  /** Line width to wrap at. Default 100. */
  width?: number;
}

/** Default line width of the table output. */
export const DEFAULT_TABLE_WIDTH = 100;

const SEVERITY_STYLE: Record<Severity, AnsiStyle> = { critical: 'boldRed', high: 'red', medium: 'yellow', low: 'cyan', info: 'dim' };
/** Remediation lines that are commands are printed whole, never wrapped, so they can be copied. */
const COMMAND = /^(aws|kubectl|eksctl|kops)\s/;
const SEVERITY_COLUMN = Math.max(...SEVERITIES.map((s) => s.length));

/**
 * Human-readable terminal output: a header (tool, run, mode, IAM engine), then per cluster its coverage and notes
 * and its findings grouped by severity (critical first, suppressed ones last), then a summary footer.
 *
 * Each finding is one line (severity, status, check id, resource id, action, title) followed by its detail and
 * `fix: <remediation>`, wrapped and indented to `width`. Findings that could not be checked show the status
 * `ERROR` and "could not check" so they read differently from failures even without colour. No finding is left out:
 * findings of a cluster missing from `report.clusters` get a section of their own. Every string that comes from a
 * finding, the config or AWS is shown through the untrusted-text sanitiser, so it cannot control the terminal.
 */
export function renderTable(report: Report, opts: TableOptions = {}): string {
  const width = Math.max(40, opts.width ?? DEFAULT_TABLE_WIDTH);
  const paint = painter(opts.color === true);
  const out: string[] = [];

  const { tool, summary } = report;
  out.push(...wrap(`${paint('bold', shown(`${tool.name} ${tool.version}`))} | run ${shown(report.runId)} | mode ${report.mode} | IAM engine ${report.iamEngine}`, width, '  ', ''));
  out.push(...wrap(`started ${shown(report.startedAt)} | finished ${shown(report.finishedAt)} | ${report.clusters.length} cluster(s)`, width, '  ', ''));

  for (const section of clusterSections(report)) {
    out.push('', ...clusterHeader(section, width, paint));
    out.push(...clusterBody(section.findings, width, paint));
  }

  const [counts, status] = summaryLines(report, paint);
  out.push('', ...wrap(counts, width, '         ', `${paint('bold', 'Summary:')} `), ...wrap(status, width, '         '));
  if (summary.errors > 0) {
    const n = summary.errors;
    out.push(
      ...wrap(
        `${paint('alert', 'INCOMPLETE:')} ${n} finding${n === 1 ? '' : 's'} could not be checked (status ERROR): those resources were not verified.`,
        width,
        '  ',
        '',
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function clusterHeader(section: ClusterSection, width: number, paint: Paint): string[] {
  const c = section.cluster;
  if (!c) {
    const head = `${paint('bold', `== Cluster ${shown(section.name)}`)} | account ${shown(section.account)} | ${shown(section.region)}`;
    return wrap(`${head} (not in the report's cluster list)`, width, '   ', '');
  }
  const cov = c.coverage;
  const lines = wrap(`${paint('bold', `== Cluster ${shown(c.name)}`)} | account ${shown(c.account)} | ${shown(c.region)} | preset ${shown(c.preset)}`, width, '   ', '');
  lines.push(
    ...wrap(
      `coverage: ${cov.roles} roles, ${cov.instances} instances, ${cov.subnets} subnets, ${cov.routeTables} route tables, ` +
        `${cov.securityGroups} security groups, ${cov.actionsEvaluated} IAM actions evaluated`,
      width,
      '             ',
      '   ',
    ),
  );
  if (cov.provider) lines.push(...wrap(`provider: ${shown(describeProviderSettings(cov.provider))}`, width, '             ', '   '));
  for (const note of c.notes ?? []) lines.push(...wrap(`note: ${shown(note)}`, width, '         ', '   '));
  return lines;
}

function clusterBody(findings: Finding[], width: number, paint: Paint): string[] {
  const open = findings.filter((f) => !f.suppressed).sort(compareFindings);
  const suppressed = findings.filter((f) => f.suppressed).sort(compareFindings);
  if (open.length === 0 && suppressed.length === 0) return ['', '   No findings.'];
  const lines: string[] = [];
  if (open.length === 0) lines.push('', '   No open findings.');
  for (const severity of SEVERITIES) {
    const group = open.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `   ${paint(SEVERITY_STYLE[severity], severity.toUpperCase())} (${group.length})`);
    group.forEach((f, i) => lines.push(...(i === 0 ? [] : ['']), ...findingLines(f, width, paint)));
  }
  if (suppressed.length > 0) {
    lines.push('', `   ${paint('dim', 'SUPPRESSED')} (${suppressed.length})`);
    suppressed.forEach((f, i) => lines.push(...(i === 0 ? [] : ['']), ...findingLines(f, width, paint)));
  }
  return lines;
}

function findingLines(f: Finding, width: number, paint: Paint): string[] {
  const prefix = '   ';
  const indent = ' '.repeat(width >= 60 ? prefix.length + SEVERITY_COLUMN + 2 + 5 + 2 : 6);
  const severity = paint(SEVERITY_STYLE[f.severity], f.severity.toUpperCase().padEnd(SEVERITY_COLUMN));
  const status = f.status === 'error' ? paint('alert', 'ERROR') : 'FAIL ';
  const parts = [paint('bold', shown(f.check)), shown(f.resource.id), ...(f.action === undefined ? [] : [shown(f.action)]), shown(f.title)];
  const lines = wrap(parts.join('  '), width, indent, `${prefix}${severity}  ${status}  `);

  const detail = f.status === 'error' ? `could not check: ${shown(f.detail)}` : shown(f.detail);
  lines.push(...wrap(detail, width, indent));
  if (f.suppressed) {
    const until = f.suppressed.expires === undefined ? '' : ` (until ${shown(f.suppressed.expires)})`;
    lines.push(...wrap(paint('dim', `suppressed${until}: ${shown(f.suppressed.reason)}`), width, indent));
  }
  if (f.remediation !== undefined) lines.push(...remediationLines(f.remediation, width, indent, paint));
  return lines;
}

function remediationLines(remediation: string, width: number, indent: string, paint: Paint): string[] {
  // A remediation is one value: a line break inside it is shown as `\n`, never as a line of the report.
  const line = shown(remediation.trim());
  const text = `${paint('dim', 'fix:')} ${line}`;
  return COMMAND.test(line) ? [indent + text] : wrap(text, width, indent);
}

function summaryLines(report: Report, paint: Paint): [string, string] {
  const s = report.summary;
  const counts = SEVERITIES.map((sev) => {
    const text = `${s[sev]} ${sev}`;
    return s[sev] > 0 ? paint(SEVERITY_STYLE[sev], text) : text;
  }).join(', ');
  const errors = `${s.errors} could not check`;
  return [counts, `${s.errors > 0 ? paint('alert', errors) : errors}, ${s.suppressed} suppressed, ${s.new} new, ${s.resolved} resolved`];
}
