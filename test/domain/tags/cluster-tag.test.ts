import { describe, expect, it } from '@jest/globals';
import {
  clusterTagKey,
  clusterTagMatches,
  clustersTaggedFor,
  hasClusterTag,
  hasNoClusterPrefixTag,
  isTaggedForAnotherCluster,
  prefixedClusterIds,
} from '../../../lib/domain/tags/cluster-tag.js';

describe('cluster tag helpers', () => {
  it('builds the cluster key', () => {
    expect(clusterTagKey('prod')).toBe('kubernetes.io/cluster/prod');
  });

  it('matches the new key with any value and the legacy key only with the cluster name', () => {
    expect(clusterTagMatches({ 'kubernetes.io/cluster/prod': '' }, 'prod')).toEqual([{ form: 'prefix', key: 'kubernetes.io/cluster/prod', value: '' }]);
    expect(clusterTagMatches({ KubernetesCluster: 'prod' }, 'prod')).toEqual([{ form: 'legacy', key: 'KubernetesCluster', value: 'prod' }]);
    expect(clusterTagMatches({ KubernetesCluster: 'staging' }, 'prod')).toEqual([]);
    expect(clusterTagMatches({ 'kubernetes.io/cluster/prod': 'owned', KubernetesCluster: 'prod' }, 'prod').map((m) => m.form)).toEqual(['prefix', 'legacy']);
  });

  it('is case-sensitive on keys, like EC2 tags', () => {
    expect(hasClusterTag({ 'Kubernetes.io/cluster/prod': 'owned' }, 'prod')).toBe(false);
    expect(hasClusterTag({}, 'prod')).toBe(false);
  });

  it('tells resources with no cluster prefix key, ignoring the legacy key like the provider', () => {
    expect(hasNoClusterPrefixTag({ Name: 'a', KubernetesCluster: 'other' })).toBe(true);
    expect(hasNoClusterPrefixTag({ 'kubernetes.io/cluster/other': 'shared' })).toBe(false);
  });

  it('lists the clusters a resource is tagged for, both forms, without duplicates', () => {
    expect(prefixedClusterIds({ 'kubernetes.io/cluster/a': 'shared', 'kubernetes.io/cluster/b': 'owned', Name: 'x' })).toEqual(['a', 'b']);
    expect(clustersTaggedFor({ 'kubernetes.io/cluster/a': 'shared', KubernetesCluster: 'a' })).toEqual(['a']);
    expect(clustersTaggedFor({ 'kubernetes.io/cluster/a': 'shared', KubernetesCluster: 'c' })).toEqual(['a', 'c']);
    expect(clustersTaggedFor({ KubernetesCluster: '' })).toEqual([]);
  });

  it('tells resources tagged only for other clusters', () => {
    expect(isTaggedForAnotherCluster({ 'kubernetes.io/cluster/staging': 'owned' }, 'prod')).toBe(true);
    expect(isTaggedForAnotherCluster({ KubernetesCluster: 'staging' }, 'prod')).toBe(true);
    expect(isTaggedForAnotherCluster({ 'kubernetes.io/cluster/staging': 'shared', 'kubernetes.io/cluster/prod': 'shared' }, 'prod')).toBe(false);
    expect(isTaggedForAnotherCluster({}, 'prod')).toBe(false);
  });
});
