import type { Report } from '../domain/report/report.js';
import type { SnsMessage } from '../domain/report/sns-message.js';

/** Port: publishes built alert messages to a topic (the SNS adapter implements it). */
export interface AlertPublisher {
  /** Publishes the messages in order; resolves with the message ids, rejects on the first failure. */
  publish(topicArn: string, messages: readonly SnsMessage[]): Promise<readonly string[]>;
}

/**
 * Port: where the last report of each state key (account + region) is kept between scheduled runs, so that
 * mode `changes` knows what is new and what is resolved.
 */
export interface ReportStore {
  /** Where the reports are kept, for notes and logs (e.g. `s3://bucket/prefix/`). */
  readonly location: string;
  /**
   * The last report stored under `key`, or undefined when there is none yet (first run).
   * Rejects when the store cannot be read or holds something that is not a report: never "first run" then.
   */
  get(key: string): Promise<Report | undefined>;
  put(key: string, report: Report): Promise<void>;
}
