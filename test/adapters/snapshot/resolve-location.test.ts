import { describe, expect, it } from '@jest/globals';
import { resolveLocation } from '../../../lib/adapters/snapshot/resolve-location.js';
import type { Instance, Role, Subnet } from '../../../lib/domain/model/account-view.js';
import { snapshotErrorOf } from './snapshot-fixture.js';

const role = (arn: string) => ({ arn }) as Role;
const instance = (availabilityZone?: string) => ({ availabilityZone }) as Instance;
const subnet = (availabilityZone: string) => ({ availabilityZone }) as Subnet;

const DATA = {
  roles: [role('arn:aws:iam::123456789012:role/a'), role('arn:aws:iam::123456789012:role/aws-service-role/x/b')],
  instances: [instance('us-west-1b'), instance(undefined)],
  subnets: [subnet('us-west-1c')],
};

describe('resolveLocation', () => {
  it('takes account and region from meta.json', () => {
    expect(resolveLocation({ account: '123456789012', region: 'us-west-1' }, DATA, 'meta.json')).toStrictEqual({
      account: '123456789012',
      region: 'us-west-1',
    });
  });

  it('derives account from role ARNs and region from availability zones when there is no meta.json', () => {
    expect(resolveLocation(undefined, DATA, 'meta.json')).toStrictEqual({ account: '123456789012', region: 'us-west-1' });
  });

  it('derives the field meta.json leaves out', () => {
    expect(resolveLocation({ region: 'us-west-1' }, DATA, 'meta.json')).toStrictEqual({ account: '123456789012', region: 'us-west-1' });
  });

  it('reads the region of a Local Zone', () => {
    expect(resolveLocation(undefined, { roles: [], instances: [instance('us-west-2-lax-1a')], subnets: [] }, 'meta.json')).toStrictEqual({
      region: 'us-west-2',
    });
  });

  it('leaves a field undefined when the data disagrees or is empty', () => {
    const data = { roles: [role('arn:aws:iam::123456789012:role/a'), role('arn:aws:iam::210987654321:role/b')], instances: [instance('us-west-1b')], subnets: [subnet('us-east-1a')] };

    expect(resolveLocation(undefined, data, 'meta.json')).toStrictEqual({});
    expect(resolveLocation(undefined, { roles: [], instances: [], subnets: [] }, 'meta.json')).toStrictEqual({});
  });

  it('rejects a meta.json that contradicts the data', () => {
    expect(snapshotErrorOf(() => resolveLocation({ account: '210987654321' }, DATA, 'snap/meta.json')).message).toBe(
      'snap/meta.json: account: says 210987654321, but the roles in the IAM file belong to 123456789012 (files from different accounts?)',
    );
    expect(snapshotErrorOf(() => resolveLocation({ region: 'eu-west-1' }, DATA, 'snap/meta.json')).message).toBe(
      'snap/meta.json: region: says eu-west-1, but the instances and subnets are in us-west-1 (files from different regions?)',
    );
  });
});
