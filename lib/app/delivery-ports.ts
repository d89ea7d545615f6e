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

/** A stored value and the version it was read at (S3 ETag), for a conditional write. */
export interface Versioned<T> {
  value: T;
  version: string;
}

/** Where the service keeps the full report of one cluster and run, linked from its alert. */
export interface StoredReportLocation {
  uri: string;
  bucket: string;
  key: string;
}

/**
 * What a worker recorded about delivering one cluster's alert of one run, so that a retry of the same run (an SQS
 * redelivery) publishes only the parts that are missing and never re-audits or re-diffs.
 */
export interface DeliveryRecord {
  version: 1;
  runId: string;
  cluster: { name: string; account: string; region: string };
  /** The report this run stored for the cluster (the link of its alert). */
  report: StoredReportLocation;
  /** The state version the report was diffed against (null: no previous report). */
  baseVersion: string | null;
  /** True once the cluster's state holds this run's report. */
  committed: boolean;
  /** Messages of the alert (0: nothing to publish). */
  parts: number;
  /** 1-based indexes of the parts published, with their SNS message ids. */
  published: { index: number; messageId: string }[];
  /** The alert's messages as built once, so that a retry publishes exactly the same bytes for the missing parts. */
  messages: SnsMessage[];
}

/** A conditional write lost against a concurrent writer (S3 412 PreconditionFailed). */
export class StateConflictError extends Error {
  override readonly name = 'StateConflictError';
  constructor(readonly location: string, options?: { cause?: unknown }) {
    super(`${location} was changed by a concurrent run`, options);
  }
}

/**
 * Port: the service's per-cluster state. Every write of shared state is conditional on the version read, so two
 * runs for one cluster can never silently overwrite each other: the loser gets a {@link StateConflictError}.
 */
export interface ClusterStateStore {
  readonly location: string;
  /** The cluster's last committed report, or undefined before its first run. Rejects when it cannot be read. */
  getState(key: string): Promise<Versioned<Report> | undefined>;
  /** Writes the cluster's report if the state is still at `expected` (null: must not exist yet). */
  putState(key: string, report: Report, expected: string | null): Promise<string>;
  /** Stores the full report of a run (same run, same key: overwritten by a retry). */
  putRunReport(key: string, runId: string, report: Report): Promise<StoredReportLocation>;
  getDelivery(key: string, runId: string): Promise<Versioned<DeliveryRecord> | undefined>;
  /** Writes a delivery record if it is still at `expected` (null: must not exist yet). */
  putDelivery(key: string, runId: string, record: DeliveryRecord, expected: string | null): Promise<string>;
}
