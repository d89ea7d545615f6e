import { describe, expect, it } from '@jest/globals';
import { mergeRawAccountData, type RawAccountData } from '../../../lib/adapters/live/raw-account-data.js';

const data = (overrides: Partial<RawAccountData>): RawAccountData => ({
  account: '123456789012',
  region: 'us-west-1',
  clusters: ['a'],
  iam: { roleDetails: [], policies: [], instanceProfiles: [] },
  reservations: [],
  subnets: [],
  routeTables: [],
  securityGroups: [],
  gaps: [],
  notes: [],
  ...overrides,
});

describe('mergeRawAccountData', () => {
  it('dedupes instances, subnets and roles shared by two clusters', () => {
    const a = data({ reservations: [{ ReservationId: 'r-1', Instances: [{ InstanceId: 'i-1' }] }], subnets: [{ SubnetId: 's-1' }], iam: { roleDetails: [{ Arn: 'x' }], policies: [], instanceProfiles: [] } });
    const b = data({
      clusters: ['b'],
      reservations: [{ ReservationId: 'r-1', Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] }],
      subnets: [{ SubnetId: 's-1' }, { SubnetId: 's-2' }],
      iam: { roleDetails: [{ Arn: 'x' }, { Arn: 'y' }], policies: [], instanceProfiles: [] },
    });
    const merged = mergeRawAccountData(a, b);
    expect(merged.clusters).toEqual(['a', 'b']);
    expect(merged.reservations.flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId))).toEqual(['i-1', 'i-2']);
    expect(merged.subnets.map((s) => s.SubnetId)).toEqual(['s-1', 's-2']);
    expect(merged.iam.roleDetails.map((r) => r.Arn)).toEqual(['x', 'y']);
  });

  it('refuses to merge another account or region', () => {
    expect(() => mergeRawAccountData(data({}), data({ region: 'eu-west-1' }))).toThrow(/one account and region/);
  });
});
