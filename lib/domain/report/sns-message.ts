import type { Finding } from '../findings/finding.js';
import { highestSeverity, type Severity } from '../findings/severity.js';
import { orderReport } from './render/json.js';
import type { Report } from './report.js';
import { alertReasons, type AlertMode } from './sns/alert-trigger.js';
import { findingBlock, isListed, renderAlertText, type AlertTextInput, type PartPosition } from './sns/alert-text.js';
import { chatbotNotification } from './sns/chatbot-notification.js';
import { CHATBOT_LIMITS, SNS_LIMITS } from './sns/limits.js';
import { alertAttributes, attributesBytes, type SnsMessageAttribute } from './sns/message-attributes.js';
import type { ReportChanges } from '../findings/diff.js';
import { shrinkFinding } from './sns/shrink-finding.js';
import { alertSubject, clusterLabel, type SubjectCounts } from './sns/subject.js';
import { jsonStringBytes, utf8Length } from './sns/utf8-length.js';

/** `alerts.format`: plain text, or an Amazon Q Developer (Slack / Teams) custom notification, as `default`. */
export type AlertFormat = 'text' | 'chatbot';

/** Options of {@link buildSnsMessages}: the config's `alerts` plus what the run knows. */
export interface SnsMessageOptions {
  minSeverity: Severity;
  mode: AlertMode;
  format: AlertFormat;
  /** Names the clusters in the subject; default: the one cluster's name, or `first +N`. Sanitised to ASCII. */
  clusterLabel?: string;
  /** The new and resolved findings: runAudit's `changes` (the run's one diff, which the summary counts). */
  changes: ReportChanges;
  /** Message plus attributes, in UTF-8 bytes. Default and maximum: {@link SNS_LIMITS}.messageBytes (256 KiB). */
  maxBytes?: number;
  /** Where the full report JSON is stored (the service's state bucket); linked from every protocol's body. */
  reportLocation?: ReportLocation;
}

/** Where a run's full report JSON is stored. */
export interface ReportLocation {
  /** `s3://bucket/key`. */
  uri: string;
  bucket: string;
  key: string;
}

/** A finding as the alert envelope carries it: enough to act on, the evidence stays in the stored report. */
export interface EnvelopeFinding {
  id: string;
  check: string;
  severity: Severity;
  status: Finding['status'];
  cluster: string;
  account: string;
  region: string;
  resource: Finding['resource'];
  action?: string;
  title: string;
  remediation?: string;
}

/**
 * The `sqs` / `lambda` body (and `https` in the text format): a compact JSON envelope. `new`, `errors` and
 * `resolved` hold what this part lists; `summary` counts the whole run; `report` says where the full report is
 * (null when it was not stored, e.g. `kube-aws-audit publish`).
 */
export interface AlertEnvelope {
  type: 'kube-aws-audit.alert';
  version: 1;
  runId: string;
  startedAt: string;
  finishedAt: string;
  clusters: { name: string; account: string; region: string; notes?: string[] }[];
  summary: Report['summary'];
  part: { index: number; count: number; summaryOnly: boolean };
  new: EnvelopeFinding[];
  errors: EnvelopeFinding[];
  resolved: EnvelopeFinding[];
  report: ReportLocation | null;
}

/** One SNS `Publish`: `message` goes out with `MessageStructure: 'json'`. */
export interface SnsMessage {
  /** <= 100 printable ASCII characters, no line breaks. */
  subject: string;
  /**
   * A JSON object string with `default` and `email` (the readable text; `default` is the custom notification in
   * the chatbot format), `sqs` and `lambda` (the {@link AlertEnvelope}) and `https` (the custom notification in the
   * chatbot format, so Amazon Q Developer's https subscription receives the card; the envelope otherwise).
   */
  message: string;
  messageAttributes: Record<string, SnsMessageAttribute>;
  /** 1-based position in the series (`count` 1 for a single message). */
  part: { index: number; count: number };
  /** Unique per run and part, for FIFO topics' MessageDeduplicationId. */
  deduplicationId: string;
}

/** Resolved findings listed by name in the first part (all are counted). */
const RESOLVED_LISTED = 50;
/** Bytes kept free for section headings and part numbers the size estimate does not count exactly. */
const HEADROOM_BYTES = 2_048;

/**
 * The SNS messages of one run (docs/contracts.md "SNS message"), or `[]` when the alert settings say not to publish
 * (see `alertReasons`: errors always alert; `changes` needs a new finding at or above `minSeverity` or a resolved
 * one; `all` any open finding at or above it).
 *
 * One message when it fits in 256 KiB (message plus attributes, UTF-8). Otherwise a numbered series, `(1/3)` in
 * the subject: the first parts list what does not fit in one message, in report order (every listed finding in
 * exactly one part), and the last part is the summary with the link to the stored report. The summary, subject
 * counts and attributes describe the whole run in every part. A finding too large for a message on its own is
 * shrunk, with a `truncated` note in its evidence, never dropped. The full report is never copied into a message:
 * it is stored and linked (`reportLocation`).
 */
export function buildSnsMessages(report: Report, options: SnsMessageOptions): SnsMessage[] {
  const { changes } = options;
  if (alertReasons(report, changes, options).length === 0) return [];
  const maxBytes = Math.min(options.maxBytes ?? SNS_LIMITS.messageBytes, SNS_LIMITS.messageBytes);
  const ctx = context(report, options, changes);

  const overhead = ctx.attributesBytes + utf8Length(assemble(ctx, [], { index: 1, count: 99_999, first: 99_999_999, last: 99_999_999, total: 99_999_999 }).message);
  const budget = maxBytes - overhead - HEADROOM_BYTES - (options.format === 'chatbot' ? 3 * CHATBOT_LIMITS.descriptionChars : 0);
  if (budget <= 0) throw new RangeError(`maxBytes ${maxBytes} leaves no room for findings (the message without them takes ${overhead} bytes)`);

  const parts = pack(report.findings.map((f) => shrinkFinding(f, budget, (g) => findingCost(ctx, g))), budget, ctx);
  return finalize(ctx, parts, maxBytes);
}

/** What every part shares. */
interface Context {
  report: Report;
  options: SnsMessageOptions;
  newIds: ReadonlySet<string>;
  resolved: readonly Finding[];
  attributes: Record<string, SnsMessageAttribute>;
  attributesBytes: number;
  severity: Severity | undefined;
  counts: SubjectCounts;
  label: string;
}

function context(report: Report, options: SnsMessageOptions, changes: ReportChanges): Context {
  const open = report.findings.filter((f) => !f.suppressed);
  const attributes = { ...alertAttributes(report) };
  return {
    report,
    options,
    newIds: new Set(changes.newIds),
    resolved: changes.resolved,
    attributes,
    attributesBytes: attributesBytes(attributes),
    severity: highestSeverity(open.map((f) => f.severity)),
    counts: { open: open.length, new: report.summary.new, resolved: report.summary.resolved, errors: report.summary.errors },
    label: options.clusterLabel ?? clusterLabel(report.clusters),
  };
}

/** Estimated bytes one finding adds to a message: its text block and envelope entry (per copy) when listed. */
function findingCost(ctx: Context, f: Finding): number {
  if (!isListed(f, ctx.options.minSeverity)) return 0;
  const textCopies = ctx.options.format === 'text' ? 2 : 1;
  let bytes = textCopies * jsonStringBytes(`${findingBlock(f, ctx.newIds.has(f.id), f.status === 'error')}\n`);
  if (f.status === 'error' || ctx.newIds.has(f.id)) {
    const envelopeCopies = ctx.options.format === 'text' ? 3 : 2;
    bytes += envelopeCopies * jsonStringBytes(`${JSON.stringify(envelopeFinding(f))},`);
  }
  return bytes;
}

/** The envelope entry of a finding. */
export function envelopeFinding(f: Finding): EnvelopeFinding {
  return {
    id: f.id,
    check: f.check,
    severity: f.severity,
    status: f.status,
    cluster: f.cluster,
    account: f.account,
    region: f.region,
    resource: f.resource,
    ...(f.action === undefined ? {} : { action: f.action }),
    title: f.title,
    ...(f.remediation === undefined ? {} : { remediation: f.remediation }),
  };
}

/** Greedy: findings in report order, a new part when the next one would exceed the budget. */
function pack(findings: readonly Finding[], budget: number, ctx: Context): Finding[][] {
  const parts: Finding[][] = [[]];
  let used = 0;
  for (const f of findings) {
    const cost = findingCost(ctx, f);
    const current = parts[parts.length - 1] as Finding[];
    if (current.length > 0 && used + cost > budget) {
      parts.push([f]);
      used = cost;
    } else {
      current.push(f);
      used += cost;
    }
  }
  return parts;
}

/**
 * Builds every part and checks its exact size; a part over the limit hands its last finding to the next part
 * (the estimate is conservative, so this is rare) until all fit.
 */
function finalize(ctx: Context, parts: Finding[][], maxBytes: number): SnsMessage[] {
  for (;;) {
    // A series ends with a summary part (no findings): the counts and the link, after what did not fit.
    const count = parts.length === 1 ? 1 : parts.length + 1;
    let first = 1;
    const built = parts.map((findings, i) => {
      const position: PartPosition = { index: i + 1, count, first, last: first + findings.length - 1, total: ctx.report.findings.length };
      first += findings.length;
      return assemble(ctx, findings, position);
    });
    if (count > 1) built.push(assemble(ctx, [], { index: count, count, first, last: first - 1, total: ctx.report.findings.length, summaryOnly: true }));
    const over = built.findIndex((m) => utf8Length(m.message) + ctx.attributesBytes > maxBytes);
    if (over < 0) return built;
    const part = parts[over] as Finding[];
    if (part.length <= 1) throw new RangeError(`a single finding does not fit in ${maxBytes} bytes even when shrunk`);
    const moved = part.pop() as Finding;
    if (over + 1 === parts.length) parts.push([]);
    (parts[over + 1] as Finding[]).unshift(moved);
  }
}

/** One message with the given findings. */
function assemble(ctx: Context, findings: readonly Finding[], position: PartPosition): SnsMessage {
  const { report, options } = ctx;
  const subject = alertSubject({
    severity: ctx.severity,
    label: ctx.label,
    mode: options.mode,
    counts: ctx.counts,
    ...(position.count > 1 ? { part: { index: position.index, count: position.count } } : {}),
  });
  const textInput: AlertTextInput = {
    report,
    subject,
    findings,
    newIds: ctx.newIds,
    resolved: position.index === 1 ? ctx.resolved.slice(0, RESOLVED_LISTED) : [],
    resolvedTotal: report.summary.resolved,
    minSeverity: options.minSeverity,
    part: position,
    ...(options.reportLocation === undefined ? {} : { reportLocation: options.reportLocation.uri }),
  };
  const text = renderAlertText(textInput);
  const listed = findings.filter((f) => isListed(f, options.minSeverity));
  const envelope: AlertEnvelope = {
    type: 'kube-aws-audit.alert',
    version: 1,
    runId: report.runId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    clusters: report.clusters.map((c) => ({ name: c.name, account: c.account, region: c.region, ...(c.notes === undefined || c.notes.length === 0 ? {} : { notes: c.notes }) })),
    summary: orderReport({ ...report, findings: [] }).summary as Report['summary'],
    part: { index: position.index, count: position.count, summaryOnly: position.summaryOnly === true },
    new: listed.filter((f) => f.status === 'fail' && ctx.newIds.has(f.id)).map(envelopeFinding),
    errors: listed.filter((f) => f.status === 'error').map(envelopeFinding),
    resolved: textInput.resolved.map(envelopeFinding),
    report: options.reportLocation ?? null,
  };
  const envelopeJson = JSON.stringify(envelope);
  const card = options.format === 'chatbot' ? JSON.stringify(chatbotNotification(textInput)) : undefined;
  const message = JSON.stringify({
    default: card ?? text,
    email: text,
    sqs: envelopeJson,
    lambda: envelopeJson,
    https: card ?? envelopeJson,
  });
  return {
    subject,
    message,
    messageAttributes: ctx.attributes,
    part: { index: position.index, count: position.count },
    deduplicationId: `${position.index}of${position.count}-${report.runId}`.replace(/[^\x21-\x7e]/gu, '-').slice(0, 128),
  };
}
