import { SnapshotAccountSource } from '../../lib/adapters/snapshot/snapshot-account-source.js';
import { withLocalDecisions } from '../../lib/app/with-local-decisions.js';
import type { CallObserver } from '../../lib/adapters/aws/call-observer.js';
import type { AccountSource } from '../../lib/app/ports.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';
import type { ReportChanges } from '../../lib/domain/findings/diff.js';
import type { Report } from '../../lib/domain/report/report.js';

/**
 * Where `audit` reads the account from: `--snapshot DIR` or `--live` (with the `--deadline` after which no AWS call
 * is issued; what is unfinished then is reported as status error).
 */
export type SourceChoice = { kind: 'snapshot'; dir: string } | { kind: 'live'; deadline?: Date };

/** Builds the live AWS collector for a config (credentials, assumeRoleArn, regions come from the config). */
export type LiveSourceFactory = (config: AuditConfig, options: { deadline?: Date; observer?: CallObserver }) => AccountSource | Promise<AccountSource>;

/** Publishes a report to the config's SNS topic. */
export type ReportPublisher = (report: Report, config: AuditConfig, changes?: ReportChanges) => Promise<string>;

/**
 * The live collector: the SDK's default credential chain and endpoint resolution (AWS_ENDPOINT_URL works). Loaded on
 * first use, so snapshot audits and the commands that need no AWS call never load the SDK (BENCHMARKS.md "CLI start").
 */
const liveEngine: { create: LiveSourceFactory } = {
  create: async (config, options) => {
    const { createLiveSource } = await import('../../lib/adapters/live/live-account-source.js');
    return createLiveSource(config, { ...(options.deadline === undefined ? {} : { deadline: options.deadline }), ...(options.observer === undefined ? {} : { observer: options.observer }) });
  },
};

/** What `--publish` does: publishReport (./publish-report.ts, loaded on use) to the config's SNS topic. */
export const publisher: { publish?: ReportPublisher } = {
  publish: async (report, config, changes) => (await import('./publish-report.js')).publishReport(report, config, undefined, changes),
};

/** The AccountSource for the chosen mode; a snapshot is paired with the local IAM evaluator. */
export async function createAccountSource(choice: SourceChoice, config: AuditConfig, options: { observer?: CallObserver } = {}): Promise<AccountSource> {
  if (choice.kind === 'snapshot') return withLocalDecisions(new SnapshotAccountSource(choice.dir, { configuredClusters: config.clusters.map((c) => c.name) }));
  return liveEngine.create(config, { ...(choice.deadline === undefined ? {} : { deadline: choice.deadline }), ...options });
}
