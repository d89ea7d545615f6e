import { familyOfCheck } from '../checks/check-ids.js';
import { RESOURCE_TYPES, type Finding } from './finding.js';

/** Options of {@link diffFindings}. */
export interface DiffOptions {
  /** Timestamp given to findings seen for the first time; pass the run's `startedAt`. Default: the current time. */
  now?: string;
  /**
   * Which previous findings the current run could have reproduced. A run limited to some clusters or check families
   * (`--cluster`, `--checks`) must pass a predicate here, otherwise everything it did not look at counts as resolved.
   * Default: every previous finding is in scope.
   */
  inScope?: (previous: Finding) => boolean;
}

/**
 * What changed since the previous report: the lists behind the report's `summary.new` and `summary.resolved`.
 * `runAudit` (lib/app/run-audit.ts) computes it once, with {@link diffFindings}, and returns it with the report;
 * the summary, the SNS messages and the stored state all read this one result.
 */
export interface ReportChanges {
  /** Ids of the report's unsuppressed findings that were not open in the previous report (all of them without one). */
  newIds: readonly string[];
  /** Open findings of the previous report that are gone (and not merely unverified by an error) in this one. */
  resolved: readonly Finding[];
}

/**
 * The changes of a run that has no previous report to compare with (the CLI keeps none): every unsuppressed
 * finding is new and nothing is resolved, exactly what {@link diffFindings} gives without a previous report.
 */
export function changesWithoutPrevious(findings: readonly Finding[]): ReportChanges {
  return { newIds: findings.filter((f) => !f.suppressed).map((f) => f.id), resolved: [] };
}

/** What {@link diffFindings} returns. */
export interface FindingsDiff {
  /** The current findings, in order, each with `firstSeen` carried over from the previous report or set to now. */
  findings: Finding[];
  /** Ids of unsuppressed current findings that were not an unsuppressed finding of the previous report. */
  newIds: string[];
  /** Unsuppressed previous findings that are gone, and that no current `error` finding leaves unverified. */
  resolved: Finding[];
  /**
   * Unsuppressed previous findings that are gone only because the check could not run this time (a current `error`
   * finding covers them): neither resolved nor still failing, so they are not counted as resolved.
   */
  unverified: Finding[];
}

/**
 * Compares this run's findings with the previous report's, keyed by finding id.
 *
 * - With no previous report (the CLI usually has none): every unsuppressed finding is new, nothing is resolved,
 *   and `firstSeen` is kept if the finding has one, else set to now.
 * - `new` only counts unsuppressed findings, and also a finding whose suppression expired or was removed since the
 *   previous run (it needs attention again). A finding that became suppressed is neither new nor resolved.
 * - `resolved` only counts previous findings that were unsuppressed, of status `fail` (an error that goes away fixed
 *   nothing) and in scope ({@link DiffOptions.inScope}).
 *   "Could not check" is never a pass: a previous finding is unverified rather than resolved when a current error
 *   finding of the same cluster and check family is about the same resource, or about the whole account.
 * - `firstSeen` comes from the previous finding with the same id (suppressed or not), else stays as given, else now.
 */
export function diffFindings(
  current: readonly Finding[],
  previous: readonly Finding[] | undefined,
  options: DiffOptions = {},
): FindingsDiff {
  const now = options.now ?? new Date().toISOString();
  const previousById = new Map((previous ?? []).map((f) => [f.id, f]));
  const findings = current.map((f) => ({ ...f, firstSeen: previousById.get(f.id)?.firstSeen ?? f.firstSeen ?? now }));

  const previouslyOpen = new Set((previous ?? []).filter((f) => !f.suppressed).map((f) => f.id));
  const newIds = findings.filter((f) => !f.suppressed && !previouslyOpen.has(f.id)).map((f) => f.id);

  const currentIds = new Set(current.map((f) => f.id));
  const errors = current.filter((f) => f.status === 'error');
  const inScope = options.inScope ?? (() => true);
  // A previous "could not check" (status error) that went away fixed nothing: never resolved (docs/reliability.md).
  const gone = (previous ?? []).filter((f) => !f.suppressed && f.status !== 'error' && !currentIds.has(f.id) && inScope(f));
  const resolved: Finding[] = [];
  const unverified: Finding[] = [];
  for (const f of gone) (errors.some((e) => covers(e, f)) ? unverified : resolved).push(f);
  return { findings, newIds, resolved, unverified };
}

/** True when the error finding means the check that produced `previous` could not be verified this run. */
function covers(error: Finding, previous: Finding): boolean {
  if (error.cluster !== previous.cluster || error.account !== previous.account || error.region !== previous.region) {
    return false;
  }
  if (family(error.check) !== family(previous.check)) return false;
  if (error.resource.type === RESOURCE_TYPES.account) return true;
  if (error.resource.type !== previous.resource.type) return false;
  // An error about a unit covers its finer units too: `vpc/az` covers `vpc/az/internal` (tags.subnet.role-missing).
  return error.resource.id === previous.resource.id || previous.resource.id.startsWith(`${error.resource.id}/`);
}

/** The family of a check (lib/domain/checks/check-ids.ts `familyOfCheck`), else its id prefix for ids of no known family. */
function family(check: string): string {
  return familyOfCheck(check) ?? check.split('.', 1)[0] ?? check;
}
