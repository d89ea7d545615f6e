import { describe, expect, it } from '@jest/globals';
import { fingerprint, type FingerprintInput } from '../../../lib/domain/findings/fingerprint.js';
import { RESOURCE_TYPES } from '../../../lib/domain/findings/finding.js';

const input: FingerprintInput = {
  check: 'iam.required.denied',
  account: '123456789012',
  region: 'us-west-1',
  cluster: 'prod-east',
  resource: { type: RESOURCE_TYPES.role, id: 'k8s-worker' },
  action: 'ec2:CreateRoute',
};

describe('fingerprint', () => {
  it('gives the same id for the same input, as 20 hex characters', () => {
    const first = fingerprint(input);
    const second = fingerprint({ ...input, resource: { ...input.resource } });

    expect(second).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{20}$/);
  });

  it('gives a different id for a different action', () => {
    expect(fingerprint({ ...input, action: 'ec2:DeleteRoute' })).not.toBe(fingerprint(input));
  });

  it('ignores the case of the action', () => {
    expect(fingerprint({ ...input, action: 'EC2:createroute' })).toBe(fingerprint(input));
  });

  it('tells apart a finding without action from one with an action', () => {
    const { action: _action, ...withoutAction } = input;

    expect(fingerprint(withoutAction)).not.toBe(fingerprint(input));
  });

  it.each([
    ['check', { check: 'iam.optional.denied' }],
    ['account', { account: '210987654321' }],
    ['region', { region: 'eu-west-1' }],
    ['cluster', { cluster: 'prod-west' }],
    ['resource id', { resource: { type: RESOURCE_TYPES.role, id: 'k8s-control-plane' } }],
    ['resource type', { resource: { type: RESOURCE_TYPES.instanceProfile, id: 'k8s-worker' } }],
  ])('changes when the %s changes', (_name, change) => {
    expect(fingerprint({ ...input, ...change })).not.toBe(fingerprint(input));
  });

  it('does not depend on the ARN', () => {
    const withArn = { ...input, resource: { ...input.resource, arn: 'arn:aws:iam::123456789012:role/k8s-worker' } };

    expect(fingerprint(withArn)).toBe(fingerprint(input));
  });
});
