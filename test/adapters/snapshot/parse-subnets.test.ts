import { describe, expect, it } from '@jest/globals';
import { parseSubnets } from '../../../lib/adapters/snapshot/parse-subnets.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { basicFile, snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.subnets;

describe('parseSubnets', () => {
  it('maps subnets with tags, and {} when Tags is missing', () => {
    expect(parseSubnets(basicFile(SPEC))).toStrictEqual([
      {
        subnetId: 'subnet-0a1b2c3d4e5f60011',
        vpcId: 'vpc-0a1b2c3d4e5f60001',
        availabilityZone: 'us-west-1b',
        cidrBlock: '10.0.1.0/24',
        tags: { 'kubernetes.io/cluster/prod-east': 'shared', 'kubernetes.io/role/internal-elb': '1' },
      },
      { subnetId: 'subnet-0a1b2c3d4e5f60012', vpcId: 'vpc-0a1b2c3d4e5f60001', availabilityZone: 'us-west-1c', cidrBlock: '10.0.2.0/24', tags: {} },
    ]);
  });

  it('accepts an account without subnets', () => {
    expect(parseSubnets(snapshotFile(SPEC, { Subnets: [] }))).toEqual([]);
  });

  it('names the path of a subnet without an availability zone', () => {
    const json = { Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1' }] };

    expect(snapshotErrorOf(() => parseSubnets(snapshotFile(SPEC, json))).message).toBe(
      'snap/ec2-describe-subnets.json: Subnets[0].AvailabilityZone: expected a string, but it is missing',
    );
  });

  it('rejects Subnets that is not an array', () => {
    expect(snapshotErrorOf(() => parseSubnets(snapshotFile(SPEC, { Subnets: {} }))).message).toBe(
      'snap/ec2-describe-subnets.json: Subnets: expected an array, got an object',
    );
  });
});
