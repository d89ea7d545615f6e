import { describeError } from '../domain/describe-error.js';
import type { ClusterConfig } from '../domain/config/schema.js';
import { summarize } from '../domain/report/build-report.js';
import type { Report } from '../domain/report/report.js';
import type { ReportChanges } from '../domain/findings/diff.js';
import type { ReportStore } from './delivery-ports.js';

/** The state key of clusters whose config names no account: the account of the function's own credentials. */
export const CURRENT_ACCOUNT_KEY = 'current-account';

/**
 * The previous-report key of a cluster: `<account>/<region>`, from the config (so it is known before collecting and
 * stable across runs), `current-account/<region>` when the config names no account.
 */
export function stateKey(cluster: Pick<ClusterConfig, 'account' | 'region'>): string {
  return `${cluster.account ?? CURRENT_ACCOUNT_KEY}/${cluster.region}`;
}

/** The clusters by state key, in config order. */
export function groupByStateKey(clusters: readonly ClusterConfig[]): Map<string, ClusterConfig[]> {
  const groups = new Map<string, ClusterConfig[]>();
  for (const cluster of clusters) {
    const key = stateKey(cluster);
    groups.set(key, [...(groups.get(key) ?? []), cluster]);
  }
  return groups;
}

/** One report made of several stored ones (the previous reports of every key), for `runAudit`'s `previous`. */
export function mergeReports(reports: readonly Report[]): Report | undefined {
  const [first] = reports;
  if (first === undefined) return undefined;
  const findings = reports.flatMap((r) => r.findings);
  return { ...first, clusters: reports.flatMap((r) => r.clusters), findings, summary: summarize(findings, [], 0) };
}

/**
 * The part of a report about some clusters (one state key): their cluster entries and findings, with a summary
 * of just those (new and resolved from `changes`).
 */
export function reportForClusters(report: Report, clusters: readonly Pick<ClusterConfig, 'name' | 'region'>[], changes: ReportChanges): Report {
  const keys = new Set(clusters.map((c) => `${c.name}\u0000${c.region}`));
  const mine = (name: string, region: string) => keys.has(`${name}\u0000${region}`);
  const findings = report.findings.filter((f) => mine(f.cluster, f.region));
  const ids = new Set(findings.map((f) => f.id));
  const resolved = changes.resolved.filter((f) => mine(f.cluster, f.region)).length;
  return {
    ...report,
    clusters: report.clusters.filter((c) => mine(c.name, c.region)),
    findings,
    summary: summarize(findings, changes.newIds.filter((id) => ids.has(id)), resolved),
  };
}

/** The report with `note` added to the notes of the given clusters. */
export function withClusterNote(report: Report, clusters: readonly Pick<ClusterConfig, 'name' | 'region'>[], note: string): Report {
  const keys = new Set(clusters.map((c) => `${c.name}\u0000${c.region}`));
  return {
    ...report,
    clusters: report.clusters.map((c) => (keys.has(`${c.name}\u0000${c.region}`) ? { ...c, notes: [...(c.notes ?? []), note] } : c)),
  };
}

/**
 * Loads the stored previous report of every state key and merges them. A key that fails to load is returned in
 * `failures` (never read as "first run": the caller alerts in mode `all` and notes it); NoSuchKey is `undefined` in
 * the store and simply contributes nothing.
 */
export async function loadPreviousReports(
  store: ReportStore | undefined,
  keys: Iterable<string>,
): Promise<{ previous: Report | undefined; failures: { key: string; message: string }[] }> {
  const loaded: Report[] = [];
  const failures: { key: string; message: string }[] = [];
  if (store !== undefined) {
    for (const key of keys) {
      try {
        const previous = await store.get(key);
        if (previous !== undefined) loaded.push(previous);
      } catch (error) {
        failures.push({ key, message: describeError(error) });
      }
    }
  }
  return { previous: mergeReports(loaded), failures };
}
