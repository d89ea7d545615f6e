import type { Finding } from '../../findings/finding.js';
import type { ClusterReport, Report } from '../report.js';

/**
 * The Report JSON contract, pretty-printed with 2 spaces and a final newline. Keys are written in the order the
 * contract lists them (docs/contracts.md "Report JSON"), whatever order the objects were built in; optional fields
 * are left out when absent. `evidence` is written as given. Cluster `notes` (an additive extension) come last.
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify(orderReport(report), null, 2)}\n`;
}

/** The report as a plain object with contract key order (also used for the SNS / Lambda payload). */
export function orderReport(report: Report): Record<string, unknown> {
  return {
    schemaVersion: report.schemaVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    runId: report.runId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    mode: report.mode,
    iamEngine: report.iamEngine,
    clusters: report.clusters.map(orderCluster),
    summary: {
      critical: report.summary.critical,
      high: report.summary.high,
      medium: report.summary.medium,
      low: report.summary.low,
      info: report.summary.info,
      errors: report.summary.errors,
      new: report.summary.new,
      resolved: report.summary.resolved,
      suppressed: report.summary.suppressed,
    },
    findings: report.findings.map(orderFinding),
  };
}

function orderCluster(c: ClusterReport): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: c.name,
    account: c.account,
    region: c.region,
    preset: c.preset,
    coverage: {
      roles: c.coverage.roles,
      instances: c.coverage.instances,
      subnets: c.coverage.subnets,
      routeTables: c.coverage.routeTables,
      securityGroups: c.coverage.securityGroups,
      actionsEvaluated: c.coverage.actionsEvaluated,
      ...(c.coverage.provider === undefined ? {} : { provider: c.coverage.provider }),
    },
  };
  if (c.notes !== undefined) out.notes = c.notes;
  return out;
}

function orderFinding(f: Finding): Record<string, unknown> {
  const resource: Record<string, unknown> = { type: f.resource.type, id: f.resource.id };
  if (f.resource.arn !== undefined) resource.arn = f.resource.arn;
  const out: Record<string, unknown> = {
    id: f.id,
    check: f.check,
    severity: f.severity,
    status: f.status,
    cluster: f.cluster,
    account: f.account,
    region: f.region,
    resource,
  };
  if (f.action !== undefined) out.action = f.action;
  out.title = f.title;
  out.detail = f.detail;
  if (f.evidence !== undefined) out.evidence = f.evidence;
  if (f.remediation !== undefined) out.remediation = f.remediation;
  if (f.firstSeen !== undefined) out.firstSeen = f.firstSeen;
  if (f.suppressed !== undefined) {
    out.suppressed =
      f.suppressed.expires === undefined
        ? { reason: f.suppressed.reason }
        : { reason: f.suppressed.reason, expires: f.suppressed.expires };
  }
  return out;
}
