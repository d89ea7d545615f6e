import type { Tags } from '../model/account-view.js';
import { CLUSTER_TAG_PREFIX } from './cluster-tag.js';

/** Cluster tag values the provider understands (tags.go `ResourceLifecycleOwned` / `ResourceLifecycleShared`). */
export const LIFECYCLE_VALUES = { owned: 'owned', shared: 'shared' } as const;
export type Lifecycle = (typeof LIFECYCLE_VALUES)[keyof typeof LIFECYCLE_VALUES];

/** True for `owned` and `shared`, the only values the provider writes; anything else is suspicious, not fatal. */
export function isValidLifecycleValue(value: string): value is Lifecycle {
  return value === LIFECYCLE_VALUES.owned || value === LIFECYCLE_VALUES.shared;
}

/**
 * Other clusters that tag the resource `kubernetes.io/cluster/<other>=owned`, in tag order.
 * Such a resource belongs to that cluster's lifecycle: it may delete or re-tag it.
 */
export function foreignOwners(tags: Tags, cluster: string): string[] {
  return Object.entries(tags)
    .filter(([k, v]) => k.startsWith(CLUSTER_TAG_PREFIX) && v === LIFECYCLE_VALUES.owned)
    .map(([k]) => k.slice(CLUSTER_TAG_PREFIX.length))
    .filter((owner) => owner !== cluster);
}
