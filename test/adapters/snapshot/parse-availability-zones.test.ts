import { describe, expect, it } from '@jest/globals';
import { parseAvailabilityZones } from '../../../lib/adapters/snapshot/parse-availability-zones.js';
import { parseSubnets } from '../../../lib/adapters/snapshot/parse-subnets.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.availabilityZones;

describe('parseAvailabilityZones', () => {
  it('maps zones with their types (aws ec2 describe-availability-zones)', () => {
    const json = {
      AvailabilityZones: [
        { State: 'available', RegionName: 'us-west-2', ZoneName: 'us-west-2a', ZoneId: 'usw2-az1', ZoneType: 'availability-zone' },
        { State: 'available', RegionName: 'us-west-2', ZoneName: 'us-west-2-lax-1a', ZoneId: 'usw2-lax1-az1', ZoneType: 'local-zone' },
      ],
    };
    expect(parseAvailabilityZones(snapshotFile(SPEC, json))).toStrictEqual([
      { zoneName: 'us-west-2a', zoneId: 'usw2-az1', zoneType: 'availability-zone' },
      { zoneName: 'us-west-2-lax-1a', zoneId: 'usw2-lax1-az1', zoneType: 'local-zone' },
    ]);
  });

  it('names the file and path of a wrong shape', () => {
    expect(snapshotErrorOf(() => parseAvailabilityZones(snapshotFile(SPEC, { AvailabilityZones: [{ ZoneType: 'local-zone' }] }))).message).toBe(
      'snap/ec2-describe-availability-zones.json: AvailabilityZones[0].ZoneName: expected a string, but it is missing',
    );
  });

  it('is optional in a snapshot directory', () => {
    expect(SPEC.required).toBe(false);
  });
});

describe('parseSubnets OutpostArn', () => {
  it('keeps the Outpost ARN of an Outpost subnet', () => {
    const json = { Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1', AvailabilityZone: 'us-west-2a', OutpostArn: 'arn:aws:outposts:us-west-2:123456789012:outpost/op-0a' }] };
    expect(parseSubnets(snapshotFile(SNAPSHOT_FILES.subnets, json))[0]?.outpostArn).toBe('arn:aws:outposts:us-west-2:123456789012:outpost/op-0a');
  });
});
