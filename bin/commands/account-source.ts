import { SnapshotAccountSource } from '../../lib/adapters/snapshot/snapshot-account-source.js';
import { UsageError } from '../../lib/app/errors.js';
import { withLocalDecisions } from '../../lib/app/with-local-decisions.js';
import type { AccountSource } from '../../lib/app/ports.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import type { Report } from '../../lib/domain/report/report.js';

/** Where `audit` reads the account from: `--snapshot DIR` or `--live`. */
export type SourceChoice = { kind: 'snapshot'; dir: string } | { kind: 'live' };

/** Builds the live AWS collector for a config (credentials, assumeRoleArn, regions come from the config). */
export type LiveSourceFactory = (config: AuditConfig) => AccountSource | Promise<AccountSource>;

/** Publishes a report to the config's SNS topic. */
export type ReportPublisher = (report: Report, config: AuditConfig) => Promise<void>;

/**
 * Plug point of the live collector: `{ create: createLiveSource }` once lib/adapters provides it. While `create`
 * is absent, `--live` is a usage error (exit 2) that says so.
 */
const liveEngine: { create?: LiveSourceFactory } = {};

/**
 * Plug point of `--publish`: `{ publish: publishReport }` once the SNS publisher exists. While absent,
 * `--publish` is a usage error (exit 2) that says so.
 */
export const publisher: { publish?: ReportPublisher } = {};

/** The AccountSource for the chosen mode; a snapshot is paired with the local IAM evaluator. */
export async function createAccountSource(choice: SourceChoice, config: AuditConfig): Promise<AccountSource> {
  if (choice.kind === 'snapshot') return withLocalDecisions(new SnapshotAccountSource(choice.dir, { configuredClusters: config.clusters.map((c) => c.name) }));
  if (liveEngine.create === undefined) {
    throw new UsageError('--live is not available in this version yet; capture a snapshot with the AWS CLI and use --snapshot <dir>');
  }
  return liveEngine.create(config);
}
