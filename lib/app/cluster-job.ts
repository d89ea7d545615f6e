import { z } from 'zod';
import type { AuditConfig, ClusterConfig } from '../domain/config/schema.js';
import { CURRENT_ACCOUNT_KEY } from './state-keys.js';

/** One unit of work of the fleet: audit one cluster (account, region, name) for one scheduled run. */
export interface ClusterJob {
  version: 1;
  /** Shared by every cluster of one scheduled run; a retry of the job keeps it. */
  runId: string;
  scheduledAt: string;
  cluster: string;
  region: string;
  /** The config's account of the cluster, when it names one. */
  account?: string;
}

const jobSchema = z.strictObject({
  version: z.literal(1),
  runId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/u),
  scheduledAt: z.string().min(1),
  cluster: z.string().min(1),
  region: z.string().min(1),
  account: z.string().regex(/^\d{12}$/u).optional(),
});

/** The job is not one the dispatcher sends; the message names the first bad field. */
export class InvalidJobError extends Error {
  override readonly name = 'InvalidJobError';
}

/** One job per configured cluster, in config order. */
export function planJobs(config: AuditConfig, runId: string, scheduledAt: string): ClusterJob[] {
  return config.clusters.map((c) => ({
    version: 1,
    runId,
    scheduledAt,
    cluster: c.name,
    region: c.region,
    ...(c.account === undefined ? {} : { account: c.account }),
  }));
}

/** Parses a queued job (an SQS message body). @throws InvalidJobError naming the field */
export function parseJob(body: string): ClusterJob {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new InvalidJobError(`the job is not JSON (${(error as Error).message})`);
  }
  const result = jobSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InvalidJobError(`job.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data as ClusterJob;
}

/** The configured cluster a job names. @throws InvalidJobError when the config no longer lists it */
export function clusterOfJob(config: AuditConfig, job: ClusterJob): ClusterConfig {
  const cluster = config.clusters.find((c) => c.name === job.cluster && c.region === job.region && (c.account ?? undefined) === job.account);
  if (cluster === undefined) {
    throw new InvalidJobError(`the job names cluster ${job.cluster} (${job.account ?? CURRENT_ACCOUNT_KEY}, ${job.region}), which the config does not list`);
  }
  return cluster;
}

/** The state key of one cluster: `<account>/<region>/<name>` (`current-account` when the config names none). */
export function clusterStateKey(cluster: Pick<ClusterConfig, 'account' | 'region' | 'name'>): string {
  return `${cluster.account ?? CURRENT_ACCOUNT_KEY}/${cluster.region}/${cluster.name}`;
}
