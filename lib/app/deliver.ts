import type { AlertsConfig } from '../domain/config/schema.js';
import type { Report } from '../domain/report/report.js';
import type { AlertMode } from '../domain/report/sns/alert-trigger.js';
import type { ReportChanges } from '../domain/findings/diff.js';
import { buildSnsMessages } from '../domain/report/sns-message.js';
import type { AlertPublisher } from './delivery-ports.js';

/** Options of {@link deliverReport}. */
export interface DeliverOptions {
  report: Report;
  /** The config's `alerts` (its `topicArn` already defaulted from ALERT_TOPIC_ARN by the config loader). */
  alerts: AlertsConfig | undefined;
  publisher: AlertPublisher | undefined;
  /** New and resolved findings: runAudit's `changes`. */
  changes: ReportChanges;
  /** Overrides `alerts.mode`, e.g. `all` when the previous report could not be loaded. */
  mode?: AlertMode;
}

/** Why nothing was published. */
export const DELIVERY_SKIPS = {
  /** No `alerts` section and no ALERT_TOPIC_ARN, or no topicArn: alerting is off. */
  noTopic: 'no-topic',
  /** A topic is configured but no publisher was given. */
  noPublisher: 'no-publisher',
  /** The alert settings say this run is not worth a message (see `alertReasons`). */
  nothingToReport: 'nothing-to-report',
} as const;
export type DeliverySkip = (typeof DELIVERY_SKIPS)[keyof typeof DELIVERY_SKIPS];

/** What {@link deliverReport} did. */
export interface DeliveryResult {
  /** Messages published (parts of the series). */
  published: number;
  topicArn?: string;
  mode?: AlertMode;
  messageIds: readonly string[];
  skipped?: DeliverySkip;
}

/**
 * The deliver stage: builds the run's SNS messages from the alert settings and publishes them to the topic.
 * Publishing failures propagate (SnsPublishError names the topic and part).
 */
export async function deliverReport(options: DeliverOptions): Promise<DeliveryResult> {
  const { alerts } = options;
  const topicArn = alerts?.topicArn;
  if (alerts === undefined || topicArn === undefined) return { published: 0, messageIds: [], skipped: DELIVERY_SKIPS.noTopic };
  if (options.publisher === undefined) return { published: 0, topicArn, messageIds: [], skipped: DELIVERY_SKIPS.noPublisher };
  const mode = options.mode ?? alerts.mode;
  const messages = buildSnsMessages(options.report, {
    minSeverity: alerts.minSeverity,
    mode,
    format: alerts.format,
    changes: options.changes,
  });
  if (messages.length === 0) return { published: 0, topicArn, mode, messageIds: [], skipped: DELIVERY_SKIPS.nothingToReport };
  const messageIds = await options.publisher.publish(topicArn, messages);
  return { published: messages.length, topicArn, mode, messageIds };
}
