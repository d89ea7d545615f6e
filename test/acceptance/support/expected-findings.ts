/**
 * The expected.json format of fixtures/demo and fixtures/scenarios/* and how a report is compared with it.
 *
 * An expected finding names cluster, check, resource id, status and either the action (per-action checks) or the
 * service (per-role+service checks such as iam.excess.actions and iam.excess.service-wildcard, whose unit has no
 * single action). A report matches when its unsuppressed findings and the expected ones pair up one to one.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../../../lib/domain/findings/finding.js';
import type { Coverage, Report } from '../../../lib/domain/report/report.js';

export type ExpectedStatus = 'fail' | 'error';

export interface ExpectedFinding {
  cluster?: string;
  check: string;
  /**
   * Resource id: instance/subnet id, VPC id, node name, role ARN (matched against resource.id or resource.arn).
   * For per-VPC+AZ units write `vpc-.../us-west-1a`: every `/`-separated part must occur in the finding's id.
   */
  resource: string;
  action?: string;
  /** For per-role+service checks: the service prefix (`ec2`). The finding's action must be absent or `<service>:*`. */
  service?: string;
  status: ExpectedStatus;
  note?: string;
}

/** Extra findings that are allowed but not required (only used where the contract leaves the count open). */
export interface Tolerance {
  cluster?: string;
  check?: string;
  status?: ExpectedStatus;
  /** Substring of the finding's resource id. */
  resourceContains?: string;
  note?: string;
}

export interface Expected {
  description?: string;
  failOn: 'critical' | 'high' | 'medium' | 'low' | 'info' | 'none';
  exitCode: 0 | 1 | 3;
  findings: ExpectedFinding[];
  /** Findings the config's suppressions hide (still counted in summary.suppressed). */
  suppressed?: ExpectedFinding[];
  tolerate?: Tolerance[];
  /** Exact coverage numbers per cluster name (only the keys given are compared). */
  coverage?: Record<string, Partial<Coverage>>;
}

const STATUSES = ['fail', 'error'];
const EXIT_CODES = [0, 1, 3];
const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'none'];

/** Reads and validates an expected.json; throws with the file name and the offending entry. */
export function loadExpected(file: string): Expected {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Expected>;
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  if (!FAIL_ON.includes(String(raw.failOn))) fail(`failOn must be one of ${FAIL_ON.join(', ')}`);
  if (!EXIT_CODES.includes(Number(raw.exitCode))) fail('exitCode must be 0, 1 or 3');
  if (!Array.isArray(raw.findings)) fail('findings must be a list');
  for (const [list, entries] of [['findings', raw.findings], ['suppressed', raw.suppressed ?? []]] as const) {
    (entries as ExpectedFinding[]).forEach((e, i) => {
      if (typeof e.check !== 'string' || typeof e.resource !== 'string') fail(`${list}[${i}] needs check and resource`);
      if (!STATUSES.includes(e.status)) fail(`${list}[${i}].status must be fail or error`);
      if (e.action !== undefined && e.service !== undefined) fail(`${list}[${i}] has both action and service`);
    });
  }
  return raw as Expected;
}

/** The service a per-service finding is about: evidence.service, else the `<service>:*` action, else its text. */
export function serviceOf(finding: Finding, candidate: string): string | undefined {
  const fromEvidence = finding.evidence?.service;
  if (typeof fromEvidence === 'string') return fromEvidence.toLowerCase();
  const fromAction = /^([a-z0-9-]+):\*$/i.exec(finding.action ?? '')?.[1];
  if (fromAction !== undefined) return fromAction.toLowerCase();
  const text = `${finding.title} ${finding.detail}`;
  return new RegExp(`(^|[^a-z0-9-])${candidate}(:|\\b)`, 'i').test(text) ? candidate.toLowerCase() : undefined;
}

function resourceMatches(expected: string, finding: Finding): boolean {
  if (finding.resource.id === expected || finding.resource.arn === expected) return true;
  if (expected.startsWith('arn:') || !expected.includes('/')) return false;
  return expected.split('/').every((part) => finding.resource.id.includes(part));
}

/** Whether a report finding is the one an expected entry describes. */
export function findingMatches(expected: ExpectedFinding, finding: Finding): boolean {
  if (expected.cluster !== undefined && expected.cluster !== finding.cluster) return false;
  if (expected.check !== finding.check || expected.status !== finding.status) return false;
  if (!resourceMatches(expected.resource, finding)) return false;
  if (expected.service !== undefined) {
    const wildcard = `${expected.service}:*`.toLowerCase();
    if (finding.action !== undefined && finding.action.toLowerCase() !== wildcard) return false;
    return serviceOf(finding, expected.service) === expected.service.toLowerCase();
  }
  return (expected.action ?? '').toLowerCase() === (finding.action ?? '').toLowerCase();
}

function tolerated(tolerances: readonly Tolerance[], f: Finding): boolean {
  return tolerances.some(
    (t) =>
      (t.cluster === undefined || t.cluster === f.cluster) &&
      (t.check === undefined || t.check === f.check) &&
      (t.status === undefined || t.status === f.status) &&
      (t.resourceContains === undefined || f.resource.id.includes(t.resourceContains)),
  );
}

export interface FindingsDiff {
  missing: ExpectedFinding[];
  unexpected: Finding[];
}

/**
 * Pairs expected entries with findings one to one (maximum bipartite matching, so a loose service match can never
 * steal the finding another entry needs). Unpaired findings that a tolerance covers are not unexpected.
 */
export function diffFindings(expected: readonly ExpectedFinding[], findings: readonly Finding[], tolerances: readonly Tolerance[] = []): FindingsDiff {
  const candidates = expected.map((e) => findings.flatMap((f, j) => (findingMatches(e, f) ? [j] : [])));
  const owner = new Array<number>(findings.length).fill(-1);
  const assign = (i: number, seen: Set<number>): boolean => {
    for (const j of candidates[i] ?? []) {
      if (seen.has(j)) continue;
      seen.add(j);
      if (owner[j] === -1 || assign(owner[j] as number, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  const paired = expected.map((_, i) => assign(i, new Set()));
  return {
    missing: expected.filter((_, i) => !paired[i]),
    unexpected: findings.filter((f, j) => owner[j] === -1 && !tolerated(tolerances, f)),
  };
}

function describeExpected(e: ExpectedFinding): string {
  const what = e.service !== undefined ? ` service=${e.service}` : e.action !== undefined ? ` action=${e.action}` : '';
  return `${e.cluster ?? '*'}  ${e.check}  ${e.resource}${what}  [${e.status}]${e.note ? `  -- ${e.note}` : ''}`;
}

function describeFinding(f: Finding): string {
  const service = typeof f.evidence?.service === 'string' ? ` service=${f.evidence.service}` : '';
  const action = f.action !== undefined ? ` action=${f.action}` : '';
  return `${f.cluster}  ${f.check}  ${f.resource.id}${action}${service}  [${f.status}/${f.severity}]  -- ${f.detail}`;
}

/** A readable diff, empty when nothing differs. */
export function formatDiff(label: string, diff: FindingsDiff): string {
  if (diff.missing.length === 0 && diff.unexpected.length === 0) return '';
  const lines = [`${label}: ${diff.missing.length} missing, ${diff.unexpected.length} unexpected`];
  if (diff.missing.length > 0) lines.push('  missing (expected, not reported):', ...diff.missing.map((e) => `    - ${describeExpected(e)}`));
  if (diff.unexpected.length > 0) lines.push('  unexpected (reported, not expected):', ...diff.unexpected.map((f) => `    + ${describeFinding(f)}`));
  return lines.join('\n');
}

/** Coverage numbers that differ from the expected ones, as readable lines. */
export function coverageDiff(expected: Expected['coverage'], report: Report): string[] {
  const out: string[] = [];
  for (const [cluster, numbers] of Object.entries(expected ?? {})) {
    const entry = report.clusters.find((c) => c.name === cluster);
    if (entry === undefined) {
      out.push(`cluster ${cluster}: not in the report`);
      continue;
    }
    for (const [key, value] of Object.entries(numbers)) {
      const actual = entry.coverage[key as keyof Coverage];
      if (actual !== value) out.push(`cluster ${cluster}: coverage.${key} is ${actual}, expected ${value}`);
    }
  }
  return out;
}
