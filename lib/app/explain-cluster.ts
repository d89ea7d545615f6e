import { computeMembership } from '../domain/membership.js';
import type { AuditConfig } from '../domain/config/schema.js';
import { explainCluster, type Explanation } from '../domain/provider/explain.js';
import { UsageError } from './errors.js';
import type { AccountSource } from './ports.js';

/** Input of {@link explainConfiguredCluster}. */
export interface ExplainOptions {
  config: AuditConfig;
  source: AccountSource;
  cluster: string;
}

/**
 * Use case behind `kube-aws-audit explain`: collects one configured cluster's account and explains what the provider
 * would decide there (lib/domain/provider/explain.ts). The collector's notes are kept with the explanation's own.
 *
 * @throws UsageError when the cluster is not in the config
 */
export async function explainConfiguredCluster(opts: ExplainOptions): Promise<Explanation> {
  const cluster = opts.config.clusters.find((c) => c.name === opts.cluster);
  if (!cluster) {
    throw new UsageError(`--cluster ${opts.cluster} is not in the config (configured: ${opts.config.clusters.map((c) => c.name).join(', ')})`);
  }
  const collected = await opts.source.collect(cluster);
  const explanation = explainCluster(collected.view, cluster, computeMembership(collected.view, cluster));
  return { ...explanation, notes: [...collected.notes, ...explanation.notes] };
}
