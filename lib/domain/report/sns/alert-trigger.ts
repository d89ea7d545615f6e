import { atOrAbove, type Severity } from '../../findings/severity.js';
import type { Report } from '../report.js';
import type { ReportChanges } from '../../findings/diff.js';

/** `alerts.mode`: alert on changes only, or on every run that has something to report. */
export type AlertMode = 'changes' | 'all';

/** Why a run is published. */
export const ALERT_REASONS = {
  /** Some checks could not run (status `error`): always alerted, "could not check" must be visible. */
  errors: 'errors',
  /** `changes`: a new finding at or above `minSeverity`. */
  newFindings: 'new-findings',
  /** `changes`: findings of the previous run are resolved. */
  resolved: 'resolved',
  /** `all`: an open finding at or above `minSeverity`. */
  openFindings: 'open-findings',
} as const;
export type AlertReason = (typeof ALERT_REASONS)[keyof typeof ALERT_REASONS];

/** Options of {@link alertReasons}. */
export interface AlertTriggerOptions {
  minSeverity: Severity;
  mode: AlertMode;
}

/**
 * Why this report must be published, or `[]` when it must not:
 * - unsuppressed `error` findings always alert, in both modes;
 * - `changes`: an unsuppressed new `fail` finding at or above `minSeverity`, or any resolved finding;
 * - `all`: any unsuppressed `fail` finding at or above `minSeverity`.
 * Suppressed findings never alert.
 */
export function alertReasons(report: Report, changes: ReportChanges, options: AlertTriggerOptions): AlertReason[] {
  const open = report.findings.filter((f) => !f.suppressed);
  const reasons: AlertReason[] = [];
  if (open.some((f) => f.status === 'error')) reasons.push(ALERT_REASONS.errors);
  const relevant = open.filter((f) => f.status === 'fail' && atOrAbove(f.severity, options.minSeverity));
  if (options.mode === 'changes') {
    const fresh = new Set(changes.newIds);
    if (relevant.some((f) => fresh.has(f.id))) reasons.push(ALERT_REASONS.newFindings);
    if (changes.resolved.length > 0 || report.summary.resolved > 0) reasons.push(ALERT_REASONS.resolved);
  } else if (relevant.length > 0) {
    reasons.push(ALERT_REASONS.openFindings);
  }
  return reasons;
}
