import { randomUUID } from 'node:crypto';
import type { AuditConfig } from '../domain/config/schema.js';
import { planJobs, type ClusterJob } from './cluster-job.js';

/** Port: where cluster jobs go (the SQS adapter implements it). */
export interface JobQueue {
  /** Sends every job; resolves with how many were accepted (all), rejects naming those that were not. */
  send(jobs: readonly ClusterJob[]): Promise<number>;
}

/** Options of {@link dispatchRun}. */
export interface DispatchOptions {
  config: AuditConfig;
  queue: JobQueue;
  now?: () => Date;
  runId?: string;
}

/** What {@link dispatchRun} did. */
export interface DispatchResult {
  runId: string;
  jobs: ClusterJob[];
  sent: number;
}

/**
 * The dispatcher's use case (EventBridge schedule): one job per configured cluster, all with the same run id,
 * on the audit queue. The workers audit them independently, so one slow account cannot starve the others and a
 * failure retries only its cluster.
 */
export async function dispatchRun(options: DispatchOptions): Promise<DispatchResult> {
  const now = options.now ?? (() => new Date());
  const scheduledAt = now().toISOString();
  const runId = options.runId ?? `${scheduledAt.replace(/[:.]/gu, '-')}-${randomUUID().slice(0, 8)}`;
  const jobs = planJobs(options.config, runId, scheduledAt);
  const sent = await options.queue.send(jobs);
  return { runId, jobs, sent };
}
