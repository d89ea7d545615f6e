import { InputError } from '../../app/errors.js';
import type { ClusterConfig } from '../../domain/config/schema.js';
import type { CollectionGap } from '../../domain/model/account-view.js';
import { LiveAccountSource } from '../live/live-account-source.js';
import { mergeRawAccountData, type RawAccountData } from '../live/raw-account-data.js';
import { writeSnapshot } from './write-snapshot.js';

/** What a capture wrote, and what it could not see. */
export interface CaptureResult {
  dir: string;
  files: string[];
  account: string;
  region: string;
  clusters: string[];
  /** Non-empty: the snapshot is incomplete there (also recorded in meta.json); callers should say so and exit non-zero. */
  gaps: CollectionGap[];
  notes: string[];
}

export interface CaptureOptions {
  /** Default: a new LiveAccountSource with default options. */
  source?: Pick<LiveAccountSource, 'capture'>;
  now?: () => Date;
}

/**
 * `kube-aws-audit snapshot`: collects the clusters live and writes one snapshot directory. All clusters must be in
 * the same account and region (a snapshot directory holds one), their data is merged.
 *
 * @throws InputError when the clusters span several regions or accounts (name one with --cluster)
 * @throws AwsCallError / AccountMismatchError when a cluster cannot be collected at all (nothing is written)
 */
export async function captureSnapshot(clusters: ClusterConfig | readonly ClusterConfig[], dir: string, options: CaptureOptions = {}): Promise<CaptureResult> {
  const list = Array.isArray(clusters) ? (clusters as readonly ClusterConfig[]) : [clusters as ClusterConfig];
  if (list.length === 0) throw new InputError('no cluster to capture');
  const regions = [...new Set(list.map((c) => c.region))];
  if (regions.length > 1) {
    throw new InputError(`a snapshot directory holds one region, but the clusters are in ${regions.join(', ')}; capture one cluster at a time (--cluster NAME)`);
  }
  const source = options.source ?? new LiveAccountSource();
  let merged: RawAccountData | undefined;
  for (const cluster of list) {
    const { raw } = await source.capture(cluster);
    if (merged !== undefined && merged.account !== raw.account) {
      throw new InputError(`a snapshot directory holds one account, but cluster ${cluster.name} is in ${raw.account} and ${merged.clusters.join(', ')} in ${merged.account}; capture one cluster at a time (--cluster NAME)`);
    }
    merged = merged === undefined ? raw : mergeRawAccountData(merged, raw);
  }
  const data = merged as RawAccountData;
  const written = await writeSnapshot(data, dir, options.now);
  return { dir: written.dir, files: written.files, account: data.account, region: data.region, clusters: data.clusters, gaps: data.gaps, notes: data.notes };
}
