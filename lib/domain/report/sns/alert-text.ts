import type { Finding } from '../../findings/finding.js';
import { atOrAbove, SEVERITIES, type Severity } from '../../findings/severity.js';
import type { Report } from '../report.js';
import { cleanText, indentText } from './clean-text.js';

/** Where a part of a numbered series sits: its findings are `first`..`last` (1-based) of `total`. */
export interface PartPosition {
  index: number;
  count: number;
  first: number;
  last: number;
  total: number;
  /** The closing part of a series: the summary and the link, no findings. */
  summaryOnly?: boolean;
}

/** Input of {@link renderAlertText}. */
export interface AlertTextInput {
  /** The whole run: its summary and clusters are shown in every part. */
  report: Report;
  /** The subject of the message, repeated as the first line. */
  subject: string;
  /** This part's findings, in report order. */
  findings: readonly Finding[];
  newIds: ReadonlySet<string>;
  /** Resolved findings to list in this part (the first part lists them). */
  resolved: readonly Finding[];
  /** How many resolved findings there are in all (more than `resolved` lists when the list was capped). */
  resolvedTotal: number;
  minSeverity: Severity;
  part: PartPosition;
  /** Where the full report JSON is stored (`s3://...`), when it is. */
  reportLocation?: string;
}

const SEVERITY_HEADING: Record<Severity, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' };

/** True when the plain text lists the finding: open, and could not be checked or at or above `minSeverity`. */
export function isListed(finding: Finding, minSeverity: Severity): boolean {
  return !finding.suppressed && (finding.status === 'error' || atOrAbove(finding.severity, minSeverity));
}

/**
 * The readable plain text of one message (`default` / `email`): subject, run, clusters (with notes) and the exact
 * summary of the whole run; then this part's listed findings, those that could not be checked first, then by
 * severity, each with its resource, detail and remediation; then the resolved findings; then what is not listed
 * and where to find it. Findings' text is kept whole: control characters are dropped and continuation lines
 * indented.
 */
export function renderAlertText(input: AlertTextInput): string {
  const { report, part } = input;
  const s = report.summary;
  const out: string[] = [input.subject, ''];
  if (part.count > 1 && part.summaryOnly === true) {
    out.push(`Part ${part.index} of ${part.count}: the summary of the run; parts 1-${part.count - 1} list its findings.`, '');
  } else if (part.count > 1) {
    out.push(`Part ${part.index} of ${part.count}: findings ${rangeText(part)} of ${part.total}. The summary counts the whole run.`, '');
  }
  out.push(`Run       ${report.runId} (${report.mode}, IAM engine ${report.iamEngine}), ${report.startedAt} to ${report.finishedAt}`);
  for (const c of report.clusters) {
    out.push(`Cluster   ${cleanText(c.name)}: account ${c.account}, ${c.region}, preset ${c.preset}`);
    for (const note of c.notes ?? []) out.push(`          note: ${indentText(cleanText(note), 16)}`);
  }
  out.push(
    `Summary   ${s.critical} critical, ${s.high} high, ${s.medium} medium, ${s.low} low, ${s.info} info; ` +
      `${s.errors} could not be checked; ${s.new} new, ${s.resolved} resolved, ${s.suppressed} suppressed`,
  );
  if (s.errors > 0) out.push('          Incomplete: findings that could not be checked are not a pass; those resources were not verified.');

  const listed = input.findings.filter((f) => isListed(f, input.minSeverity));
  const errors = listed.filter((f) => f.status === 'error');
  if (errors.length > 0) out.push('', `COULD NOT CHECK (${errors.length})`, ...errors.map((f) => findingBlock(f, input.newIds.has(f.id), true)));
  for (const severity of SEVERITIES) {
    const group = listed.filter((f) => f.status === 'fail' && f.severity === severity);
    if (group.length > 0) out.push('', `${SEVERITY_HEADING[severity]} (${group.length})`, ...group.map((f) => findingBlock(f, input.newIds.has(f.id), false)));
  }

  if (input.resolvedTotal > 0 && (input.resolved.length > 0 || part.index === 1)) {
    out.push('', `RESOLVED SINCE THE LAST RUN (${input.resolvedTotal})`, ...input.resolved.map(resolvedLine));
    const unlisted = input.resolvedTotal - input.resolved.length;
    if (unlisted > 0) out.push(input.resolved.length > 0 ? `- and ${unlisted} more` : '- (not named here: the previous report was not at hand)');
  }

  out.push('', ...footer(input, listed.length));
  return `${out.join('\n')}\n`;
}

/** One finding as the plain text lists it (a bullet and indented lines); also used to size a part. */
export function findingBlock(f: Finding, isNew: boolean, showSeverity: boolean): string {
  const head = `- ${isNew ? '[NEW] ' : ''}${showSeverity ? `${SEVERITY_HEADING[f.severity]} ` : ''}${f.check}: ${cleanText(f.title)}`;
  const where = [`${f.resource.type} ${cleanText(f.resource.id)}`];
  if (f.resource.arn !== undefined && f.resource.arn !== f.resource.id) where.push(`(${cleanText(f.resource.arn)})`);
  if (f.action !== undefined) where.push(`action ${cleanText(f.action)}`);
  where.push(`cluster ${cleanText(f.cluster)} (${f.account}, ${f.region})`);
  const lines = [head, `    ${where.join(' ')}`, `    ${indentText(cleanText(f.detail), 4)}`];
  if (f.remediation !== undefined && f.remediation !== '') lines.push(`    Fix: ${indentText(cleanText(f.remediation), 4)}`);
  return lines.join('\n');
}

/** One resolved finding: one line. */
export function resolvedLine(f: Finding): string {
  const action = f.action === undefined ? '' : ` ${cleanText(f.action)}`;
  return `- ${f.check} on ${f.resource.type} ${cleanText(f.resource.id)}${action}, cluster ${cleanText(f.cluster)} (was ${f.severity}): ${cleanText(f.title)}`;
}

function footer(input: AlertTextInput, listedCount: number): string[] {
  const where = input.reportLocation === undefined
    ? 'A JSON envelope of the new and resolved findings goes to the SQS and Lambda subscribers of the topic.'
    : `Full report (every finding with its evidence): ${input.reportLocation}`;
  const inPart = input.findings.length - listedCount;
  if (input.part.summaryOnly === true) return [where];
  if (input.findings.length === 0 && input.part.count === 1) return ['No open findings.', ...(input.reportLocation === undefined ? [] : [where])];
  if (inPart === 0) return [where];
  const below = input.findings.filter((f) => !f.suppressed && f.status === 'fail' && !atOrAbove(f.severity, input.minSeverity)).length;
  const suppressed = input.findings.filter((f) => f.suppressed).length;
  const parts = [
    ...(below > 0 ? [`${below} below ${input.minSeverity}`] : []),
    ...(suppressed > 0 ? [`${suppressed} suppressed`] : []),
  ];
  return [
    `Not listed here: ${parts.join(', ')}${input.part.count > 1 ? ' (in this part)' : ''}.`,
    where,
  ];
}

function rangeText(part: PartPosition): string {
  if (part.last < part.first) return 'none';
  return part.first === part.last ? `${part.first}` : `${part.first}-${part.last}`;
}
