import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { SEVERITIES, type Severity } from '../../lib/domain/findings/severity.js';
import type { Report } from '../../lib/domain/report/report.js';

/** Metric names (namespace `kube-aws-audit`, dimension `service`). */
export const AUDIT_METRICS = {
  findings: { critical: 'FindingsCritical', high: 'FindingsHigh', medium: 'FindingsMedium', low: 'FindingsLow', info: 'FindingsInfo' } satisfies Record<Severity, string>,
  errors: 'FindingsCouldNotCheck',
  new: 'FindingsNew',
  resolved: 'FindingsResolved',
  suppressed: 'FindingsSuppressed',
  duration: 'AuditDuration',
  published: 'AlertMessagesPublished',
  stateProblems: 'StateStoreProblems',
  /** On-demand requests answered with an error response (invalid event, config or input). */
  rejected: 'RejectedRequests',
} as const;

/** What a run adds to its report's counts. */
export interface RunFacts {
  durationMs: number;
  published: number;
  stateProblems?: number;
}

/** Adds the run's metrics: open findings by severity, could-not-check, new, resolved, suppressed, duration, messages. */
export function recordAuditMetrics(metrics: Metrics, report: Report, facts: RunFacts): void {
  const s = report.summary;
  for (const severity of SEVERITIES) metrics.addMetric(AUDIT_METRICS.findings[severity], MetricUnit.Count, s[severity]);
  metrics.addMetric(AUDIT_METRICS.errors, MetricUnit.Count, s.errors);
  metrics.addMetric(AUDIT_METRICS.new, MetricUnit.Count, s.new);
  metrics.addMetric(AUDIT_METRICS.resolved, MetricUnit.Count, s.resolved);
  metrics.addMetric(AUDIT_METRICS.suppressed, MetricUnit.Count, s.suppressed);
  metrics.addMetric(AUDIT_METRICS.duration, MetricUnit.Milliseconds, facts.durationMs);
  metrics.addMetric(AUDIT_METRICS.published, MetricUnit.Count, facts.published);
  if (facts.stateProblems !== undefined) metrics.addMetric(AUDIT_METRICS.stateProblems, MetricUnit.Count, facts.stateProblems);
}
