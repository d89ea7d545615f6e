import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { SEVERITIES } from '../../lib/domain/findings/severity.js';
import type { Report } from '../../lib/domain/report/report.js';

/**
 * Metric names of the worker. `findings`, `new` and `resolved` carry the dimensions `cluster` and `account` (and
 * `severity` for findings): 8 custom metrics per cluster, which CloudWatch bills per metric-month (README "Cost";
 * CLUSTER_METRICS=off drops them). `published` and `conflicts` are per service.
 */
export const CLUSTER_METRICS = {
  /** Open findings, dimension `severity` (critical .. info, and `error` for could-not-check). */
  findings: 'ClusterFindings',
  new: 'ClusterFindingsNew',
  resolved: 'ClusterFindingsResolved',
  published: 'ClusterAlertMessagesPublished',
  conflicts: 'ClusterStateConflicts',
} as const;

/** Per-cluster metrics of one worker run: one EMF document per (cluster, severity) and one for the counts. */
export function recordClusterMetrics(
  metrics: Metrics,
  cluster: { name: string; account: string },
  report: Report | undefined,
  facts: { published: number; conflicts: number },
  options: { perCluster?: boolean } = {},
): void {
  metrics.addMetric(CLUSTER_METRICS.published, MetricUnit.Count, facts.published);
  metrics.addMetric(CLUSTER_METRICS.conflicts, MetricUnit.Count, facts.conflicts);
  if (report === undefined || options.perCluster === false) return;
  {
    const s = report.summary;
    for (const severity of [...SEVERITIES, 'error'] as const) {
      const single = metrics.singleMetric();
      single.addDimensions({ cluster: cluster.name, account: cluster.account, severity });
      single.addMetric(CLUSTER_METRICS.findings, MetricUnit.Count, severity === 'error' ? s.errors : s[severity]);
    }
  }
  const counts = metrics.singleMetric();
  counts.addDimensions({ cluster: cluster.name, account: cluster.account });
  counts.addMetric(CLUSTER_METRICS.new, MetricUnit.Count, report.summary.new);
  counts.addMetric(CLUSTER_METRICS.resolved, MetricUnit.Count, report.summary.resolved);
}
