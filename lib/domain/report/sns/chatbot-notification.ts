import type { Finding } from '../../findings/finding.js';
import { SEVERITIES, type Severity } from '../../findings/severity.js';
import type { AlertTextInput } from './alert-text.js';
import { isListed } from './alert-text.js';
import { chatSafe } from '../render/untrusted-text.js';
import { CHATBOT_LIMITS } from './limits.js';
import { asciiLine } from './subject.js';

/**
 * An Amazon Q Developer in chat applications custom notification (docs/domain.md section 5): the only JSON it relays to
 * Slack / Teams besides AWS service events.
 */
export interface ChatbotNotification {
  version: '1.0';
  source: 'custom';
  content: {
    textType: 'client-markdown';
    title: string;
    description: string;
    nextSteps: string[];
    keywords: string[];
  };
  metadata: {
    threadId: string;
    summary: string;
    additionalContext: Record<string, string>;
  };
}

const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };

/**
 * The custom notification of one message: the subject as title; a Markdown description with the run's summary,
 * then this part's listed findings (could not check first, then by severity; new ones flagged) and the resolved
 * ones, cut at {@link CHATBOT_LIMITS}.descriptionChars with an exact "and N more" line pointing to the e-mail and
 * the report JSON; next steps; and metadata that threads every run of the same clusters together.
 */
export function chatbotNotification(input: AlertTextInput): ChatbotNotification {
  const { report, part } = input;
  const s = report.summary;
  const head = [
    `*Summary:* ${SEVERITIES.map((sev) => `${s[sev]} ${sev}`).join(' · ')} · *${s.errors} could not be checked* · ${s.new} new · ${s.resolved} resolved · ${s.suppressed} suppressed`,
    `*Clusters:* ${report.clusters.map((c) => `${md(c.name)} (${c.account}, ${c.region})`).join(', ') || 'none'}`,
  ];
  if (part.count > 1) head.push(`*Part ${part.index} of ${part.count}:* findings ${part.first}-${part.last} of ${part.total}`);
  if (s.errors > 0) head.push('_Findings that could not be checked are not a pass: those resources were not verified._');

  const items: string[] = [];
  const listed = input.findings.filter((f) => isListed(f, input.minSeverity));
  const errors = listed.filter((f) => f.status === 'error');
  if (errors.length > 0) items.push('', `*Could not check (${errors.length})*`, ...errors.map((f) => findingLine(f, input.newIds.has(f.id), true)));
  for (const severity of SEVERITIES) {
    const group = listed.filter((f) => f.status === 'fail' && f.severity === severity);
    if (group.length > 0) items.push('', `*${SEVERITY_LABEL[severity]} (${group.length})*`, ...group.map((f) => findingLine(f, input.newIds.has(f.id), false)));
  }
  if (input.resolved.length > 0) items.push('', `*Resolved since the last run (${input.resolvedTotal})*`, ...input.resolved.map((f) => `• ~${code(f.check)} ${md(f.resource.id)}~ ${md(f.title)}`));

  const title = input.subject.slice(0, CHATBOT_LIMITS.titleChars);
  return {
    version: '1.0',
    source: 'custom',
    content: {
      textType: 'client-markdown',
      title,
      description: fitLines(head, items, countBullets(items), part.index === 1 ? input.resolvedTotal - input.resolved.length : 0),
      nextSteps: [
        input.reportLocation === undefined
          ? 'Every finding with its remediation: the e-mail subscription of this topic'
          : `Every finding with its remediation: the e-mail subscription of this topic; the full report: ${input.reportLocation}`,
        `Reproduce: kube-aws-audit audit --config <file> --live${report.clusters.length === 1 ? ` --cluster ${asciiLine(report.clusters[0]?.name ?? '')}` : ''}`,
        'Accept a finding: add a suppression (check, resource, reason, expires) to the cluster in the config',
      ],
      keywords: ['kube-aws-audit', ...new Set(report.clusters.map((c) => asciiLine(c.name)))].slice(0, 6),
    },
    metadata: {
      threadId: threadId(report.clusters.map((c) => `${c.account}-${c.region}-${c.name}`)),
      summary: title,
      additionalContext: {
        runId: report.runId,
        accounts: [...new Set(report.clusters.map((c) => c.account))].sort().join(','),
        new: String(s.new),
        resolved: String(s.resolved),
        errors: String(s.errors),
      },
    },
  };
}

function findingLine(f: Finding, isNew: boolean, showSeverity: boolean): string {
  const action = f.action === undefined ? '' : ` ${code(f.action)}`;
  return `• ${isNew ? '*NEW* ' : ''}${showSeverity ? `${f.severity} ` : ''}${code(f.check)} ${md(f.resource.id)}${action} (${md(f.cluster)}): ${md(f.title)}`;
}

/** The head, then as many item lines as fit, then `and N more` counting the findings and resolved ones left out. */
function fitLines(head: string[], items: string[], bullets: number, resolvedUnlisted: number): string {
  const max = CHATBOT_LIMITS.descriptionChars;
  const reserve = 120;
  const out = [...head];
  let length = out.join('\n').length;
  let shown = 0;
  for (const line of items) {
    if (length + 1 + line.length > max - reserve) break;
    out.push(line);
    length += 1 + line.length;
    if (line.startsWith('• ')) shown += 1;
  }
  const more = bullets - shown + resolvedUnlisted;
  if (more > 0) out.push('', `_…and ${more} more: see the e-mail or the stored report_`);
  return out.join('\n').slice(0, max);
}

function countBullets(items: readonly string[]): number {
  return items.filter((l) => l.startsWith('• ')).length;
}

/** Untrusted text for Slack/Teams markdown, through the one sanitiser: one line, no mention, no link. */
function md(text: string): string {
  return chatSafe(text);
}

function code(text: string): string {
  return `\`${md(text).replace(/`/gu, "'")}\``;
}

function threadId(keys: readonly string[]): string {
  const joined = [...keys].sort().join('_').replace(/[^A-Za-z0-9_.-]/gu, '-');
  return `kube-aws-audit-${joined}`.slice(0, 128);
}
