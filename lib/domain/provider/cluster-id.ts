import type { ClusterConfig } from '../config/schema.js';

/** Where the provider's cluster id comes from (docs/provider-rules.md "Cluster id"). */
export type ClusterIdSource = 'kubernetesClusterTag' | 'kubernetesClusterId' | 'name';

/**
 * The cluster id the provider filters on: cloud-config `KubernetesClusterTag` (legacy), else `KubernetesClusterID`,
 * else the id read from its own instance's tags, which the config's cluster `name` stands for
 * (tags.go `init`: the legacy id wins; the two may not differ, which the config schema rejects).
 * Every tag rule asks this, never `cluster.name` directly.
 */
export function providerClusterId(cluster: Pick<ClusterConfig, 'name' | 'cloudConfig'>): string {
  return cluster.cloudConfig?.kubernetesClusterTag ?? cluster.cloudConfig?.kubernetesClusterId ?? cluster.name;
}

/** Which setting {@link providerClusterId} came from. */
export function providerClusterIdSource(cluster: Pick<ClusterConfig, 'cloudConfig'>): ClusterIdSource {
  if (cluster.cloudConfig?.kubernetesClusterTag !== undefined) return 'kubernetesClusterTag';
  if (cluster.cloudConfig?.kubernetesClusterId !== undefined) return 'kubernetesClusterId';
  return 'name';
}
