import { familyOfCheck, type CheckFamily } from '../../checks/check-ids.js';
import { diffFindings } from '../../findings/diff.js';
import type { Finding } from '../../findings/finding.js';
import type { Report } from '../report.js';

/** What changed since the previous report: the lists behind `summary.new` and `summary.resolved`. */
export interface ReportChanges {
  /** Ids of the report's unsuppressed findings that were not open in the previous report. */
  newIds: readonly string[];
  /** Open findings of the previous report that are gone (and not merely unverified by an error) in this one. */
  resolved: readonly Finding[];
}

/** Options of {@link reportChanges}. */
export interface ReportChangesOptions {
  /** The check families the run was limited to (`checks` of an on-demand run); every family when absent. */
  families?: readonly CheckFamily[];
}

/**
 * The new and resolved findings of `report` against the `previous` report it was diffed with (`runAudit`'s
 * `previous`), with the same rules as `diffFindings`: only previous findings of the report's clusters (and of the
 * selected families) can be resolved, and one that a current `error` finding covers is unverified, not resolved.
 * Without a previous report every unsuppressed finding is new and nothing is resolved, as in the summary.
 */
export function reportChanges(report: Report, previous?: Report, options: ReportChangesOptions = {}): ReportChanges {
  if (previous === undefined) {
    return { newIds: report.findings.filter((f) => !f.suppressed).map((f) => f.id), resolved: [] };
  }
  const clusters = new Set(report.clusters.map((c) => clusterKey(c.name, c.region)));
  const families = options.families;
  const diff = diffFindings(report.findings, previous.findings, {
    now: report.startedAt,
    inScope: (f) => clusters.has(clusterKey(f.cluster, f.region)) && (families === undefined || inFamilies(f.check, families)),
  });
  return { newIds: diff.newIds, resolved: diff.resolved };
}

/**
 * The changes a report carries on its own, when the previous report is not at hand: findings first seen in this run
 * (`firstSeen` is the run's start, or absent) are new; the resolved list is unknown (empty; `summary.resolved` still
 * has the count).
 */
export function changesFromFirstSeen(report: Report): ReportChanges {
  const newIds = report.findings.filter((f) => !f.suppressed && (f.firstSeen === undefined || f.firstSeen === report.startedAt)).map((f) => f.id);
  return { newIds, resolved: [] };
}

function inFamilies(check: string, families: readonly CheckFamily[]): boolean {
  const family = familyOfCheck(check);
  return family === undefined || families.includes(family);
}

function clusterKey(name: string, region: string): string {
  return `${name}\u0000${region}`;
}
