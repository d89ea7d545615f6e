import type { Tags } from '../model/account-view.js';
import { CLUSTER_TAG_PREFIX, LEGACY_CLUSTER_TAG, prefixedClusterIds } from './cluster-tag.js';

/** Why a resource's cluster tags contradict each other. */
export type LegacyConflict =
  | {
      /** Two or more `kubernetes.io/cluster/*` keys on an instance. */
      kind: 'multiple-prefix';
      clusterIds: string[];
      /** The provider's own error text (tags.go `findClusterIDs`). */
      providerError: string;
    }
  | {
      /** `KubernetesCluster` names a cluster that no `kubernetes.io/cluster/*` key names. */
      kind: 'legacy-mismatch';
      legacyId: string;
      clusterIds: string[];
      /** The provider's own error text (tags.go `awsTagging.init`), for instances. */
      providerError?: string;
    };

/**
 * Contradicting cluster tags on one resource.
 *
 * Instances (`isInstance`) follow the provider's start-up parsing of its own instance (tags.go `findClusterIDs`,
 * `init`): two new-style keys, or a legacy value that differs from the single new-style key, are fatal there.
 * Other resources (subnets, route tables, security groups) may legitimately carry several new-style keys when shared,
 * so only a legacy value that none of the new-style keys names is a conflict.
 */
export function legacyConflict(tags: Tags, isInstance: boolean): LegacyConflict | undefined {
  const ids = prefixedClusterIds(tags);
  if (isInstance && ids.length > 1) {
    return {
      kind: 'multiple-prefix',
      clusterIds: ids,
      providerError: `Found multiple cluster tags with prefix ${CLUSTER_TAG_PREFIX} (${goQuote(ids[0] ?? '')} and ${goQuote(ids[1] ?? '')})`,
    };
  }
  const legacy = tags[LEGACY_CLUSTER_TAG];
  if (legacy === undefined || legacy === '' || ids.length === 0 || ids.includes(legacy)) return undefined;
  return {
    kind: 'legacy-mismatch',
    legacyId: legacy,
    clusterIds: ids,
    ...(isInstance ? { providerError: `clusterID tags did not match: ${goQuote(ids[0] ?? '')} vs ${goQuote(legacy)}` } : {}),
  };
}

/** Go's `%q` for plain strings: double quotes with backslash escapes. */
export function goQuote(value: string): string {
  return JSON.stringify(value);
}
