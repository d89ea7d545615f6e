import type { AuditConfig } from '../domain/config/schema.js';
import { auditWithState, type AuditWithStateResult } from './audit-with-state.js';
import type { AlertPublisher, ReportStore } from './delivery-ports.js';
import type { DeliveryResult } from './deliver.js';
import type { AccountSource } from './ports.js';

export type { StateProblem } from './audit-with-state.js';

/** Options of {@link runScheduledAudit}. */
export interface ScheduledAuditOptions {
  config: AuditConfig;
  /** Builds this run's collect stage (e.g. a live source with the invocation's deadline). */
  sourceFactory: (config: AuditConfig) => AccountSource | Promise<AccountSource>;
  /** Previous-report store; without it every run is a first run (every finding new, nothing resolved). */
  store?: ReportStore;
  /** Without it nothing is published (`delivery.skipped: no-publisher`). */
  publisher?: AlertPublisher;
  now?: () => Date;
  runId?: string;
  toolVersion?: string;
}

/** What {@link runScheduledAudit} returns. */
export interface ScheduledAuditResult extends AuditWithStateResult {
  delivery: DeliveryResult;
}

/**
 * The scheduled use case: every configured cluster, compared with the previous report of its state key (account +
 * region), published per the config's `alerts`, then stored as the next run's baseline. The flow (and how a store
 * failure is never a silent first run) is {@link auditWithState}'s, which the on-demand use case shares.
 */
export async function runScheduledAudit(options: ScheduledAuditOptions): Promise<ScheduledAuditResult> {
  const result = await auditWithState({
    config: options.config,
    source: await options.sourceFactory(options.config),
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.publisher === undefined ? {} : { publisher: options.publisher }),
    publish: true,
    storeReport: true,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    ...(options.toolVersion === undefined ? {} : { toolVersion: options.toolVersion }),
  });
  if (result.delivery === undefined) throw new Error('the scheduled audit always delivers');
  return { ...result, delivery: result.delivery };
}
