import { describe, expect, it } from '@jest/globals';
import { closestMatch, editDistance } from '../../../lib/adapters/config/did-you-mean.js';

const CLUSTER_KEYS = ['name', 'region', 'account', 'assumeRoleArn', 'externalId', 'preset', 'roles', 'extraRequired', 'allowedExcess', 'cloudRoutes', 'autoScalingGroups', 'suppressions'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('region', 'region')).toBe(0);
    expect(editDistance('regoin', 'region')).toBe(1);
    expect(editDistance('role', 'roles')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  it.each([
    ['controlplane', ['controlPlane', 'worker'], 'controlPlane'],
    ['control_plane', ['controlPlane', 'worker'], 'controlPlane'],
    ['workers', ['controlPlane', 'worker'], 'worker'],
    ['regoin', CLUSTER_KEYS, 'region'],
    ['suppression', CLUSTER_KEYS, 'suppressions'],
    ['assumeRole', CLUSTER_KEYS, 'assumeRoleArn'],
    ['allowedExtra', CLUSTER_KEYS, 'allowedExcess'],
    ['topic', ['topicArn', 'minSeverity', 'mode', 'format'], 'topicArn'],
    ['intree', ['cloud-provider-aws', 'in-tree', 'kops'], 'in-tree'],
  ])('matches %s to %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });

  it('finds nothing for an unrelated word', () => {
    expect(closestMatch('webhook', ['topicArn', 'minSeverity', 'mode', 'format'])).toBeUndefined();
    expect(closestMatch('x', ['name'])).toBeUndefined();
  });
});
