import { describe, expect, it } from '@jest/globals';
import { parseRouteTables } from '../../../lib/adapters/snapshot/parse-route-tables.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { basicFile, snapshotErrorOf, snapshotFile } from './snapshot-fixture.js';

const SPEC = SNAPSHOT_FILES.routeTables;

describe('parseRouteTables', () => {
  it('maps the main table with empty Tags to {}', () => {
    const [main] = parseRouteTables(basicFile(SPEC));

    expect(main).toStrictEqual({
      routeTableId: 'rtb-0a1b2c3d4e5f60031',
      vpcId: 'vpc-0a1b2c3d4e5f60001',
      associations: [{ main: true }],
      routes: [{ destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' }],
      tags: {},
    });
  });

  it('keeps subnet associations, drops gateway edge associations, and maps every route target', () => {
    const [, explicit] = parseRouteTables(basicFile(SPEC));

    expect(explicit?.associations).toStrictEqual([
      { subnetId: 'subnet-0a1b2c3d4e5f60011', main: false },
      { subnetId: 'subnet-0a1b2c3d4e5f60012', main: false },
    ]);
    expect(explicit?.routes).toStrictEqual([
      { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active' },
      { destinationCidrBlock: '100.96.1.0/24', instanceId: 'i-0a1b2c3d4e5f00002', state: 'active' },
      { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a1b2c3d4e5f60051', state: 'active' },
      { destinationIpv6CidrBlock: '::/0', gatewayId: 'igw-0a1b2c3d4e5f60041', state: 'blackhole' },
    ]);
    expect(explicit?.tags).toEqual({ 'kubernetes.io/cluster/prod-east': 'owned' });
  });

  it('accepts a table without Associations and Routes', () => {
    expect(parseRouteTables(snapshotFile(SPEC, { RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1' }] }))).toStrictEqual([
      { routeTableId: 'rtb-1', vpcId: 'vpc-1', associations: [], routes: [], tags: {} },
    ]);
  });

  it('names the path of a non-boolean Main', () => {
    const json = { RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', Associations: [{ Main: 'yes' }] }] };

    expect(snapshotErrorOf(() => parseRouteTables(snapshotFile(SPEC, json))).message).toBe(
      'snap/ec2-describe-route-tables.json: RouteTables[0].Associations[0].Main: expected true or false, got "yes"',
    );
  });
});
