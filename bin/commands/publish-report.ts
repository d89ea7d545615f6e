import { SnsPublisher } from '../../lib/adapters/sns/sns-publisher.js';
import { deliverReport } from '../../lib/app/deliver.js';
import type { AlertPublisher } from '../../lib/app/delivery-ports.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import { changesWithoutPrevious, type ReportChanges } from '../../lib/domain/findings/diff.js';
import type { Report } from '../../lib/domain/report/report.js';

/**
 * `audit --publish`: sends the report to the config's SNS topic (alerts.topicArn, or ALERT_TOPIC_ARN) as the
 * on-demand Lambda does: mode `all`, because the CLI keeps no previous report and an explicit request must not be
 * skipped as "nothing changed"; `alerts.minSeverity` and `alerts.format` apply. `changes` are the audit's (runAudit);
 * without a previous report they are every open finding. Returns a one-line summary for stderr.
 */
export async function publishReport(
  report: Report,
  config: AuditConfig,
  publisher: AlertPublisher = new SnsPublisher(),
  changes: ReportChanges = changesWithoutPrevious(report.findings),
): Promise<string> {
  const result = await deliverReport({ report, alerts: config.alerts, publisher, changes, mode: 'all' });
  if (result.published === 0) return `nothing published (${result.skipped ?? 'no message'})`;
  return `published ${result.published} message(s) to ${result.topicArn}`;
}
