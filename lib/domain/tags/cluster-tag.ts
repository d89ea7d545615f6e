import type { Tags } from '../model/account-view.js';

/** Prefix of the cluster tag key: `kubernetes.io/cluster/<cluster>` (cloud-provider-aws tags.go). */
export const CLUSTER_TAG_PREFIX = 'kubernetes.io/cluster/';

/** Legacy cluster tag key; its value is the cluster name (tags.go `TagNameKubernetesClusterLegacy`). */
export const LEGACY_CLUSTER_TAG = 'KubernetesCluster';

/** The tag key that marks a resource as belonging to `cluster`. */
export function clusterTagKey(cluster: string): string {
  return `${CLUSTER_TAG_PREFIX}${cluster}`;
}

/** How a resource is tagged for one cluster. */
export interface ClusterTagMatch {
  /** `prefix`: `kubernetes.io/cluster/<name>` (any value); `legacy`: `KubernetesCluster=<name>`. */
  form: 'prefix' | 'legacy';
  key: string;
  value: string;
}

/**
 * The tags by which `tags` claim membership of `cluster`, new-style first.
 * Mirrors `awsTagging.hasClusterTag`: the new key matches with any value, the legacy key only when its value is the cluster.
 */
export function clusterTagMatches(tags: Tags, cluster: string): ClusterTagMatch[] {
  const matches: ClusterTagMatch[] = [];
  const key = clusterTagKey(cluster);
  const value = tags[key];
  if (value !== undefined) matches.push({ form: 'prefix', key, value });
  if (tags[LEGACY_CLUSTER_TAG] === cluster) matches.push({ form: 'legacy', key: LEGACY_CLUSTER_TAG, value: cluster });
  return matches;
}

/** True when the resource carries the cluster tag in either form (the provider's `hasClusterTag`). */
export function hasClusterTag(tags: Tags, cluster: string): boolean {
  return clusterTagMatches(tags, cluster).length > 0;
}

/** True when no key starts with `kubernetes.io/cluster/` (the provider's `hasNoClusterPrefixTag`; the legacy key is ignored). */
export function hasNoClusterPrefixTag(tags: Tags): boolean {
  return prefixedClusterIds(tags).length === 0;
}

/** Cluster names of every `kubernetes.io/cluster/<name>` key, in tag order. */
export function prefixedClusterIds(tags: Tags): string[] {
  return Object.keys(tags)
    .filter((k) => k.startsWith(CLUSTER_TAG_PREFIX))
    .map((k) => k.slice(CLUSTER_TAG_PREFIX.length));
}

/** Every cluster a resource is tagged for, either form, without duplicates. */
export function clustersTaggedFor(tags: Tags): string[] {
  const ids = prefixedClusterIds(tags);
  const legacy = tags[LEGACY_CLUSTER_TAG];
  if (legacy !== undefined && legacy !== '' && !ids.includes(legacy)) ids.push(legacy);
  return ids;
}

/**
 * True when the resource is tagged for at least one cluster and none of them is `cluster`:
 * it belongs to another cluster (and, for subnets, the provider excludes it from load-balancer candidates).
 */
export function isTaggedForAnotherCluster(tags: Tags, cluster: string): boolean {
  const ids = clustersTaggedFor(tags);
  return ids.length > 0 && !ids.includes(cluster);
}
