import { describe, expect, it } from '@jest/globals';
import { goQuote, legacyConflict } from '../../../lib/domain/tags/legacy-conflict.js';

describe('legacyConflict', () => {
  it('finds nothing on consistent tags', () => {
    expect(legacyConflict({}, true)).toBeUndefined();
    expect(legacyConflict({ 'kubernetes.io/cluster/prod': 'owned' }, true)).toBeUndefined();
    expect(legacyConflict({ 'kubernetes.io/cluster/prod': 'owned', KubernetesCluster: 'prod' }, true)).toBeUndefined();
    expect(legacyConflict({ KubernetesCluster: 'prod' }, true)).toBeUndefined();
  });

  it('reports two cluster keys on an instance with the provider error', () => {
    expect(legacyConflict({ 'kubernetes.io/cluster/a': 'owned', 'kubernetes.io/cluster/b': 'owned' }, true)).toEqual({
      kind: 'multiple-prefix',
      clusterIds: ['a', 'b'],
      providerError: 'Found multiple cluster tags with prefix kubernetes.io/cluster/ ("a" and "b")',
    });
  });

  it('tolerates several cluster keys on shared resources', () => {
    expect(legacyConflict({ 'kubernetes.io/cluster/a': 'shared', 'kubernetes.io/cluster/b': 'shared' }, false)).toBeUndefined();
    expect(legacyConflict({ 'kubernetes.io/cluster/a': 'shared', 'kubernetes.io/cluster/b': 'shared', KubernetesCluster: 'b' }, false)).toBeUndefined();
  });

  it('reports a legacy value that differs from the new key, with the provider error on instances', () => {
    expect(legacyConflict({ 'kubernetes.io/cluster/prod': 'owned', KubernetesCluster: 'old' }, true)).toEqual({
      kind: 'legacy-mismatch',
      legacyId: 'old',
      clusterIds: ['prod'],
      providerError: 'clusterID tags did not match: "prod" vs "old"',
    });
    expect(legacyConflict({ 'kubernetes.io/cluster/a': 'shared', KubernetesCluster: 'c' }, false)).toEqual({ kind: 'legacy-mismatch', legacyId: 'c', clusterIds: ['a'] });
  });

  it('quotes like Go %q', () => {
    expect(goQuote('a"b')).toBe('"a\\"b"');
  });
});
