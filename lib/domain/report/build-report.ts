import type { Finding } from '../findings/finding.js';
import { atOrAbove, severityRank, type Severity } from '../findings/severity.js';
import type { IamEngine } from '../policy/decisions.js';
import type { ClusterReport, Report, Summary } from './report.js';

/** Input of {@link buildReport}: the run's metadata, its clusters and its (suppressed, diffed) findings. */
export interface BuildReportInput {
  tool: { name: string; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  mode: Report['mode'];
  iamEngine: IamEngine;
  clusters: ClusterReport[];
  findings: Finding[];
  /** `newIds` of `diffFindings`. Omitted: no previous report, so every unsuppressed finding is new. */
  newIds?: string[];
  /** Number of resolved findings from `diffFindings`. Default 0. */
  resolved?: number;
}

/** `--fail-on` values: a severity, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';

/** Exit codes {@link exitCodeFor} returns (docs/contracts.md "CLI"; 2 is for usage/config/input errors, raised elsewhere). */
export const AUDIT_EXIT_CODES = { ok: 0, findings: 1, incomplete: 3 } as const;
export type AuditExitCode = (typeof AUDIT_EXIT_CODES)[keyof typeof AUDIT_EXIT_CODES];

/** Assembles the Report JSON contract (schemaVersion 1): sorted findings and exact summary counts. */
export function buildReport(input: BuildReportInput): Report {
  const findings = [...input.findings].sort(compareFindings);
  return {
    schemaVersion: 1,
    tool: { name: input.tool.name, version: input.tool.version },
    runId: input.runId,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    mode: input.mode,
    iamEngine: input.iamEngine,
    clusters: input.clusters,
    summary: summarize(findings, input.newIds, input.resolved),
    findings,
  };
}

/**
 * Summary counts:
 * - `critical` .. `info`: unsuppressed findings with status `fail`, by severity;
 * - `errors`: unsuppressed findings with status `error` (could not check);
 * - `suppressed`: suppressed findings, whatever their status;
 * - `new`: unsuppressed findings whose id is in `newIds` (every unsuppressed finding when `newIds` is omitted);
 * - `resolved`: as given (default 0).
 */
export function summarize(findings: readonly Finding[], newIds?: readonly string[], resolved = 0): Summary {
  const summary: Summary = { critical: 0, high: 0, medium: 0, low: 0, info: 0, errors: 0, new: 0, resolved, suppressed: 0 };
  const fresh = newIds === undefined ? undefined : new Set(newIds);
  for (const f of findings) {
    if (f.suppressed) {
      summary.suppressed += 1;
      continue;
    }
    if (f.status === 'error') summary.errors += 1;
    else summary[f.severity] += 1;
    if (fresh === undefined || fresh.has(f.id)) summary.new += 1;
  }
  return summary;
}

/**
 * Report order: severity (critical first), then `error` before `fail` within a severity (an incomplete check is the
 * first thing to know), then check id, cluster, account, region, resource type and id, action, and finally the id,
 * so the order is total and the same on every machine (plain code-unit comparison, no locale).
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    statusRank(a) - statusRank(b) ||
    cmp(a.check, b.check) ||
    cmp(a.cluster, b.cluster) ||
    cmp(a.account, b.account) ||
    cmp(a.region, b.region) ||
    cmp(a.resource.type, b.resource.type) ||
    cmp(a.resource.id, b.resource.id) ||
    cmp((a.action ?? '').toLowerCase(), (b.action ?? '').toLowerCase()) ||
    cmp(a.id, b.id)
  );
}

/**
 * The CLI exit code for a report: 3 when any unsuppressed finding has status `error` (the audit is incomplete,
 * whatever `failOn` says); else 1 when any unsuppressed `fail` finding is at or above `failOn`; else 0.
 * `failOn: 'none'` never yields 1.
 */
export function exitCodeFor(report: Report, failOn: FailOn): AuditExitCode {
  const open = report.findings.filter((f) => !f.suppressed);
  if (open.some((f) => f.status === 'error')) return AUDIT_EXIT_CODES.incomplete;
  if (failOn !== 'none' && open.some((f) => f.status === 'fail' && atOrAbove(f.severity, failOn))) {
    return AUDIT_EXIT_CODES.findings;
  }
  return AUDIT_EXIT_CODES.ok;
}

function statusRank(f: Finding): number {
  return f.status === 'error' ? 0 : 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
