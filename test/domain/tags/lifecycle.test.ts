import { describe, expect, it } from '@jest/globals';
import { foreignOwners, isValidLifecycleValue } from '../../../lib/domain/tags/lifecycle.js';

describe('lifecycle values', () => {
  it('accepts only owned and shared', () => {
    expect(isValidLifecycleValue('owned')).toBe(true);
    expect(isValidLifecycleValue('shared')).toBe(true);
    expect(isValidLifecycleValue('Owned')).toBe(false);
    expect(isValidLifecycleValue('1')).toBe(false);
    expect(isValidLifecycleValue('')).toBe(false);
  });

  it('lists other clusters that own a resource', () => {
    const tags = { 'kubernetes.io/cluster/prod': 'owned', 'kubernetes.io/cluster/a': 'owned', 'kubernetes.io/cluster/b': 'shared', KubernetesCluster: 'c' };

    expect(foreignOwners(tags, 'prod')).toEqual(['a']);
    expect(foreignOwners({}, 'prod')).toEqual([]);
  });
});
