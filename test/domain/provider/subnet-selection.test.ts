/**
 * The provider's load-balancer subnet choice, case by case from kubernetes/cloud-provider-aws at 63ec440c
 * (pkg/providers/v1/aws.go findSubnets 1651-1685, findELBSubnets 1690-1795, isSubnetPublic 1879-1920; tags.go
 * hasClusterTag 137-155, hasNoClusterPrefixTag 188-195). Each expectation was written from that text before the code
 * ran. docs/provider-rules.md "Load-balancer subnets".
 */
import { describe, expect, it } from '@jest/globals';
import type { RouteTable, Subnet } from '../../../lib/domain/model/account-view.js';
import { selectElbSubnets, subnetFacts, type SubnetSelectionInput } from '../../../lib/domain/provider/subnet-selection.js';
import { anAssociatedRouteTable, aRouteTable, aSubnet, clusterTag, DEFAULTS, legacyClusterTag } from '../../support/builders.js';

const PRIVATE_ROUTES = [
  { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local' },
  { destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a' },
];
const privateTable = (subnetIds: string[]): RouteTable => anAssociatedRouteTable(subnetIds, { routes: PRIVATE_ROUTES });
const publicTable = (subnetIds: string[]): RouteTable => anAssociatedRouteTable(subnetIds);
/** The VPC's main table without an internet route: subnets without an explicit table are private. */
const privateMain = (): RouteTable => aRouteTable({ routes: PRIVATE_ROUTES });

function select(subnets: Subnet[], routeTables: RouteTable[], extra: Partial<SubnetSelectionInput> = {}) {
  return selectElbSubnets({ vpcId: DEFAULTS.vpcId, subnets, routeTables, clusterId: 'prod', controllerSubnetIds: [], ...extra });
}

describe('candidates (aws.go:1662-1668 findSubnets)', () => {
  it('keeps subnets tagged for the cluster in either form and subnets with no kubernetes.io/cluster/ key; drops another cluster\'s key', () => {
    const facts = (tags: Record<string, string>) => subnetFacts(aSubnet({ tags }), [aRouteTable()], 'prod');
    expect(facts(clusterTag('prod', 'shared')).candidate).toBe(true);
    expect(facts(legacyClusterTag('prod')).candidate).toBe(true);
    expect(facts({}).candidate).toBe(true);
    expect(facts(clusterTag('staging', 'shared')).candidate).toBe(false);
    expect(facts({ ...clusterTag('staging', 'shared'), ...clusterTag('prod', 'shared') }).candidate).toBe(true);
  });

  it('keeps a subnet tagged only with the legacy KubernetesCluster key of another cluster (tags.go:188-195 ignores it), without counting it as cluster-tagged', () => {
    const facts = subnetFacts(aSubnet({ tags: legacyClusterTag('staging') }), [aRouteTable()], 'prod');
    expect(facts).toMatchObject({ candidate: true, clusterTagged: false, legacyOtherCluster: 'staging' });
  });

  it('ignores subnets of other VPCs (DescribeSubnets with vpc-id, aws.go:1652-1653)', () => {
    const result = select([aSubnet(), aSubnet({ subnetId: 'subnet-other', vpcId: 'vpc-other' })], [aRouteTable()]);
    expect(result.subnets.map((s) => s.subnetId)).toEqual(['subnet-0a1b2c3d']);
  });

  it('ignores a subnet without an availability zone (aws.go:1709-1713)', () => {
    const result = select([aSubnet({ availabilityZone: '' })], [aRouteTable()]);
    expect(result.byType.internal.subnetIds).toEqual([]);
  });
});

describe('public or private (aws.go:1879-1920 isSubnetPublic)', () => {
  it('uses the explicitly associated table before the main table', () => {
    const facts = subnetFacts(aSubnet(), [aRouteTable(), privateTable([DEFAULTS.subnetId])], 'prod');
    expect(facts).toMatchObject({ public: false, routeTableVia: 'explicit' });
  });

  it('inherits an internet route from the VPC main table when no table is associated', () => {
    const facts = subnetFacts(aSubnet(), [aRouteTable()], 'prod');
    expect(facts).toMatchObject({ public: true, routeTableVia: 'main', internetGateway: 'igw-0a1b2c3d' });
  });

  it('counts only gateway ids starting with igw (not vgw-, pcx-, NAT or local)', () => {
    const table = (gatewayId: string) => aRouteTable({ routes: [{ destinationCidrBlock: '0.0.0.0/0', gatewayId }] });
    expect(subnetFacts(aSubnet(), [table('vgw-0a')], 'prod').public).toBe(false);
    expect(subnetFacts(aSubnet(), [table('local')], 'prod').public).toBe(false);
    expect(subnetFacts(aSubnet(), [table('igw-0b')], 'prod').public).toBe(true);
  });

  it('leaves the verdict open, and the subnet out of the choice, when no table is known (the provider errors: "could not locate routing table")', () => {
    const result = select([aSubnet()], []);
    expect(result.unknownRouteTable).toEqual([DEFAULTS.subnetId]);
    expect(result.byType.internal.subnetIds).toEqual([]);
  });

  it('reads only the route tables of the subnet\'s VPC (aws.go:1697-1702)', () => {
    const elsewhere = aRouteTable({ routeTableId: 'rtb-elsewhere', vpcId: 'vpc-other' });
    expect(subnetFacts(aSubnet(), [elsewhere], 'prod').public).toBeUndefined();
  });
});

describe('per load-balancer type (aws.go:1718-1769)', () => {
  it('drops private subnets for internet-facing load balancers only (aws.go:1718-1721)', () => {
    const result = select([aSubnet({ subnetId: 'subnet-pub' }), aSubnet({ subnetId: 'subnet-priv' })], [privateMain(), publicTable(['subnet-pub'])]);
    expect(result.byType['internet-facing']).toMatchObject({ subnetIds: ['subnet-pub'], droppedPrivate: ['subnet-priv'] });
    expect(result.byType.internal.azs[0]).toMatchObject({ competing: ['subnet-priv', 'subnet-pub'], decidedBy: 'lowest-id', chosen: 'subnet-priv' });
  });

  it('public subnets carrying only internal-elb: internet-facing falls to the lowest id, internal is settled by the key (aws.go:1730-1745)', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-a', tags: { 'kubernetes.io/role/internal-elb': '1' } }), aSubnet({ subnetId: 'subnet-b', tags: {} })];
    const result = select(subnets, [aRouteTable()]);
    expect(result.byType['internet-facing'].azs[0]).toMatchObject({ decidedBy: 'lowest-id', chosen: 'subnet-a', tied: ['subnet-a', 'subnet-b'] });
    expect(result.byType.internal.azs[0]).toMatchObject({ decidedBy: 'role-tag', chosen: 'subnet-a' });
  });

  it('the role key counts by presence, whatever its value (findTag, aws.go:1639-1646)', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-a', tags: {} }), aSubnet({ subnetId: 'subnet-b', tags: { 'kubernetes.io/role/elb': '' } })];
    expect(select(subnets, [aRouteTable()]).byType['internet-facing'].azs[0]).toMatchObject({ decidedBy: 'role-tag', chosen: 'subnet-b' });
  });

  it('two subnets with the same role key are still a tie, broken by the lowest id (aws.go:1758-1766)', () => {
    const elb = { 'kubernetes.io/role/elb': '1' };
    const subnets = [aSubnet({ subnetId: 'subnet-b', tags: { ...elb } }), aSubnet({ subnetId: 'subnet-a', tags: { ...elb } })];
    expect(select(subnets, [aRouteTable()]).byType['internet-facing'].azs[0]).toMatchObject({ decidedBy: 'lowest-id', chosen: 'subnet-a', tied: ['subnet-a', 'subnet-b'] });
  });

  it('without a role key, the cluster-tagged subnet wins over an untagged one (aws.go:1747-1756)', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-a', tags: {} }), aSubnet({ subnetId: 'subnet-b', tags: clusterTag('prod', 'shared') })];
    expect(select(subnets, [aRouteTable()]).byType['internet-facing'].azs[0]).toMatchObject({ decidedBy: 'cluster-tag', chosen: 'subnet-b' });
  });

  it('the role key outranks the cluster tag, and the cluster tag outranks the id', () => {
    const subnets = [
      aSubnet({ subnetId: 'subnet-a', tags: clusterTag('prod', 'shared') }),
      aSubnet({ subnetId: 'subnet-c', tags: { 'kubernetes.io/role/elb': '1' } }),
      aSubnet({ subnetId: 'subnet-b', tags: {} }),
    ];
    const az = select(subnets, [aRouteTable()]).byType['internet-facing'].azs[0];
    expect(az).toMatchObject({ chosen: 'subnet-c', decidedBy: 'role-tag', competing: ['subnet-c', 'subnet-a', 'subnet-b'] });
  });

  it('gives the same winner whatever order DescribeSubnets returns (the pairwise tie-break is an order)', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-c', tags: {} }), aSubnet({ subnetId: 'subnet-a', tags: {} }), aSubnet({ subnetId: 'subnet-b', tags: {} })];
    const forward = select(subnets, [aRouteTable()]).byType.internal.azs[0]?.chosen;
    const backward = select([...subnets].reverse(), [aRouteTable()]).byType.internal.azs[0]?.chosen;
    expect([forward, backward]).toEqual(['subnet-a', 'subnet-a']);
  });

  it('chooses one subnet per AZ, AZs sorted (aws.go:1768-1773)', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-c', availabilityZone: 'us-west-1c' }), aSubnet({ subnetId: 'subnet-a' })];
    expect(select(subnets, [aRouteTable()]).byType.internal.subnetIds).toEqual(['subnet-a', 'subnet-c']);
  });
});

describe('zone types (aws.go:1775-1792)', () => {
  it('drops a Local Zone subnet after the per-AZ choice, reading the type from DescribeAvailabilityZones', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-a' }), aSubnet({ subnetId: 'subnet-lax', availabilityZone: 'us-west-2-lax-1a' })];
    const zones = [{ zoneName: 'us-west-1a', zoneType: 'availability-zone' }, { zoneName: 'us-west-2-lax-1a', zoneType: 'local-zone' }];
    const result = select(subnets, [aRouteTable()], { availabilityZones: zones });
    expect(result.byType.internal.subnetIds).toEqual(['subnet-a']);
    expect(result.byType.internal.azs[1]).toMatchObject({ chosen: 'subnet-lax', droppedZone: { zoneType: 'local-zone', source: 'availability-zones' } });
  });

  it('derives the type from the zone name when zones were not collected (Local Zone, Wavelength)', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-lax', availabilityZone: 'us-west-2-lax-1a' }), aSubnet({ subnetId: 'subnet-wl', availabilityZone: 'us-east-1-wl1-bos-wlz-1' })];
    const result = select(subnets, [aRouteTable()]);
    expect(result.byType['internet-facing'].subnetIds).toEqual([]);
    expect(result.byType.internal.azs.map((a) => a.droppedZone?.zoneType)).toEqual(['wavelength-zone', 'local-zone']);
  });

  it('keeps a zone that DescribeAvailabilityZones did not list (aws.go:1783 drops only zones found with another type)', () => {
    const result = select([aSubnet()], [aRouteTable()], { availabilityZones: [] });
    expect(result.byType.internal.subnetIds).toEqual([DEFAULTS.subnetId]);
  });

  it('keeps an Outpost subnet: its zone is the parent availability zone, and only the zone type is tested', () => {
    const outpost = aSubnet({ subnetId: 'subnet-0op', outpostArn: 'arn:aws:outposts:us-west-1:123456789012:outpost/op-0a', tags: {} });
    const result = select([outpost, aSubnet({ subnetId: 'subnet-1', tags: {} })], [aRouteTable()]);
    expect(result.byType.internal.azs[0]).toMatchObject({ chosen: 'subnet-0op', decidedBy: 'lowest-id' });
    expect(result.subnets[0]?.outpostArn).toContain('outpost/op-0a');
  });
});

describe('fallback to the controller\'s subnet (aws.go:1673-1684)', () => {
  it('uses the control-plane subnet, whatever its tags, when no subnet of the VPC is a candidate', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-cp', tags: clusterTag('staging', 'shared') }), aSubnet({ subnetId: 'subnet-x', tags: clusterTag('staging', 'shared') })];
    const result = select(subnets, [privateMain()], { controllerSubnetIds: ['subnet-cp'] });
    expect(result).toMatchObject({ fallback: true, fallbackSubnets: ['subnet-cp'] });
    expect(result.byType.internal.subnetIds).toEqual(['subnet-cp']);
    expect(result.byType['internet-facing'].subnetIds).toEqual([]);
  });

  it('does not fall back while one candidate exists, even a private one', () => {
    const subnets = [aSubnet({ subnetId: 'subnet-cp', tags: clusterTag('staging', 'shared') }), aSubnet({ subnetId: 'subnet-x', tags: {} })];
    const result = select(subnets, [aRouteTable()], { controllerSubnetIds: ['subnet-cp'] });
    expect(result.fallback).toBe(false);
    expect(result.byType.internal.subnetIds).toEqual(['subnet-x']);
  });
});
