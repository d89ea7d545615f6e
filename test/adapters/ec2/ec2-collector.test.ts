import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  DescribeAvailabilityZonesCommand,
  DescribeInstancesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type DescribeInstancesCommandInput,
  type Filter,
  type Instance as SdkInstance,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { Ec2Collector, type InstanceQuery } from '../../../lib/adapters/ec2/ec2-collector.js';
import type { Instance } from '../../../lib/domain/model/account-view.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';

const ec2 = mockClient(EC2Client);
const A = '123456789012';
const WORKER_PROFILE = `arn:aws:iam::${A}:instance-profile/k8s-worker`;
const CP_PROFILE = `arn:aws:iam::${A}:instance-profile/k8s-control-plane`;
const VPC = 'vpc-0a1b2c3d4e5f60001';
const query: InstanceQuery = { clusterName: 'prod-east', instanceProfileArns: [WORKER_PROFILE, CP_PROFILE], autoScalingGroups: ['alpha-workers'] };
const collector = (context = testContext()) => new Ec2Collector({ ec2: new EC2Client({ region: 'us-west-1' }), context });
const filterOf = (name: string, values: string[]) => ({ Filters: [{ Name: name, Values: values }] });

function replayInstances(): void {
  ec2
    .on(DescribeInstancesCommand, filterOf('tag-key', ['kubernetes.io/cluster/prod-east']))
    .resolvesOnce(recorded('ec2.DescribeInstances_tag-key_1'))
    .resolvesOnce(recorded('ec2.DescribeInstances_tag-key_2'));
  ec2.on(DescribeInstancesCommand, filterOf('tag:KubernetesCluster', ['prod-east'])).resolves(recorded('ec2.DescribeInstances_legacy-tag_1'));
  ec2.on(DescribeInstancesCommand, filterOf('iam-instance-profile.arn', [CP_PROFILE, WORKER_PROFILE])).resolves(recorded('ec2.DescribeInstances_profile_1'));
  ec2.on(DescribeInstancesCommand, filterOf('tag:aws:autoscaling:groupName', ['alpha-workers'])).resolves(recorded('ec2.DescribeInstances_asg_1'));
}

function replayNetwork(): void {
  ec2.on(DescribeSubnetsCommand).resolves(recorded('ec2.DescribeSubnets_1'));
  ec2.on(DescribeRouteTablesCommand).resolves(recorded('ec2.DescribeRouteTables_1'));
  ec2.on(DescribeSecurityGroupsCommand).resolves(recorded('ec2.DescribeSecurityGroups_1'));
}

describe('Ec2Collector.collectInstances', () => {
  beforeEach(() => {
    ec2.reset();
    replayInstances();
  });

  it('queries each membership source with server-side filters, 1000 a page, following NextToken', async () => {
    // Act
    await collector().collectInstances(query);
    // Assert
    const inputs = ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { Filters: [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/prod-east'] }], MaxResults: 1000, NextToken: undefined },
      { Filters: [{ Name: 'tag:KubernetesCluster', Values: ['prod-east'] }], MaxResults: 1000, NextToken: undefined },
      { Filters: [{ Name: 'iam-instance-profile.arn', Values: [CP_PROFILE, WORKER_PROFILE] }], MaxResults: 1000, NextToken: undefined },
      { Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['alpha-workers'] }], MaxResults: 1000, NextToken: undefined },
      { Filters: [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/prod-east'] }], MaxResults: 1000, NextToken: 'eyJ2IjoiMiIsImMiOiJwYWdlMiJ9' },
    ]);
  });

  it('merges and dedupes the instances and their reservations', async () => {
    // Act
    const out = await collector().collectInstances(query);
    // Assert
    expect(out.gaps).toEqual([]);
    expect(out.instances.map((i) => i.instanceId).sort()).toEqual(['i-0c0ffee0000000001', 'i-0f00d00000000001', 'i-0f00d00000000002', 'i-0f00d00000000003']);
    expect(out.reservations.map((r) => [r.ReservationId, r.Instances?.map((i) => i.InstanceId)])).toEqual([
      ['r-0aaaa000000000001', ['i-0c0ffee0000000001']],
      ['r-0bbbb000000000001', ['i-0f00d00000000001', 'i-0f00d00000000003']],
      ['r-0cccc000000000001', ['i-0f00d00000000002']],
    ]);
  });

  it('maps instances onto the view', async () => {
    const out = await collector().collectInstances(query);
    expect(out.instances.find((i) => i.instanceId === 'i-0f00d00000000002')).toEqual({
      instanceId: 'i-0f00d00000000002',
      state: 'running',
      privateDnsName: 'ip-10-15-31-22.us-west-1.compute.internal',
      privateIpAddress: '10.15.31.22',
      availabilityZone: 'us-west-1b',
      subnetId: 'subnet-0bbb0000000000001',
      vpcId: VPC,
      securityGroupIds: ['sg-0node00000000001'],
      instanceProfileArn: `arn:aws:iam::${A}:instance-profile/legacy-nodes`,
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 2, state: 'applied' },
      tags: { KubernetesCluster: 'prod-east' },
    } satisfies Instance);
  });

  it('runs only the tag queries when no profiles and no groups are known', async () => {
    await collector().collectInstances({ clusterName: 'prod-east', instanceProfileArns: [], autoScalingGroups: [] });
    expect(ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input.Filters?.[0]?.Name)).toEqual(['tag-key', 'tag:KubernetesCluster', 'tag-key']);
  });

  it('chunks filter values at 200 per call', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const profiles = Array.from({ length: 450 }, (_, i) => `arn:aws:iam::${A}:instance-profile/p${String(i).padStart(3, '0')}`);
    await collector().collectInstances({ clusterName: 'prod-east', instanceProfileArns: profiles, autoScalingGroups: [] });
    const profileCalls = ec2.commandCalls(DescribeInstancesCommand).filter((c) => c.args[0].input.Filters?.[0]?.Name === 'iam-instance-profile.arn');
    expect(profileCalls.map((c) => c.args[0].input.Filters?.[0]?.Values?.length)).toEqual([200, 200, 50]);
  });

  it('records a failing query as an instances gap naming the query, and keeps the other results', async () => {
    ec2.on(DescribeInstancesCommand, filterOf('tag:KubernetesCluster', ['prod-east'])).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const out = await collector().collectInstances(query);
    expect(out.gaps).toEqual([
      {
        kind: 'instances',
        source: 'ec2:DescribeInstances',
        reason: 'UnauthorizedOperation: You are not authorized to perform this operation. (query tag:KubernetesCluster=prod-east)',
      },
    ]);
    expect(out.instances.map((i) => i.instanceId)).not.toContain('i-0f00d00000000002');
    expect(out.instances).toHaveLength(3);
  });

  it('stops issuing calls at the deadline and says so in the gaps', async () => {
    const out = await collector(testContext({ deadline: new Date(0) })).collectInstances(query);
    expect(ec2.calls()).toHaveLength(0);
    expect(out.gaps.map((g) => g.reason)).toContain('deadline reached before ec2:DescribeInstances (query tag-key=kubernetes.io/cluster/prod-east)');
    expect(out.gaps).toHaveLength(4);
  });
});

describe('Ec2Collector.collectNetwork', () => {
  let instances: Instance[];

  beforeEach(async () => {
    ec2.reset();
    replayInstances();
    replayNetwork();
    instances = (await collector().collectInstances(query)).instances;
    ec2.resetHistory();
  });

  it('reads subnets and route tables by vpc-id and security groups by group-id', async () => {
    // Act
    const out = await collector().collectNetwork(instances);
    // Assert
    expect(ec2.commandCalls(DescribeSubnetsCommand).map((c) => c.args[0].input)).toEqual([{ Filters: [{ Name: 'vpc-id', Values: [VPC] }], MaxResults: 1000, NextToken: undefined }]);
    expect(ec2.commandCalls(DescribeRouteTablesCommand).map((c) => c.args[0].input)).toEqual([{ Filters: [{ Name: 'vpc-id', Values: [VPC] }], MaxResults: 100, NextToken: undefined }]);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input)).toEqual([
      { Filters: [{ Name: 'group-id', Values: ['sg-0cp0000000000001', 'sg-0node00000000001'] }], MaxResults: 1000, NextToken: undefined },
    ]);
    expect(out.gaps).toEqual([]);
    expect(out.subnets).toEqual([
      { subnetId: 'subnet-0aaa0000000000001', vpcId: VPC, availabilityZone: 'us-west-1a', cidrBlock: '10.15.30.0/24', tags: { 'kubernetes.io/cluster/prod-east': 'shared', 'kubernetes.io/role/internal-elb': '1' } },
      { subnetId: 'subnet-0bbb0000000000001', vpcId: VPC, availabilityZone: 'us-west-1b', cidrBlock: '10.15.31.0/24', tags: {} },
    ]);
    expect(out.routeTables.map((t) => [t.routeTableId, t.associations])).toEqual([
      ['rtb-0main000000000001', [{ main: true }]],
      ['rtb-0priv000000000001', [{ subnetId: 'subnet-0bbb0000000000001', main: false }]],
    ]);
    expect(out.routeTables[1]?.routes[1]).toEqual({ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0abc00000000000001', state: 'active' });
    expect(out.securityGroups.map((g) => [g.groupId, g.groupName, g.tags])).toEqual([
      ['sg-0node00000000001', 'prod-east-nodes', { 'kubernetes.io/cluster/prod-east': 'owned' }],
      ['sg-0cp0000000000001', 'prod-east-control-plane', {}],
    ]);
    expect(out.raw.subnets).toHaveLength(2);
  });

  it('also reads the route tables tagged for the cluster anywhere in the region, as findRouteTable counts them', async () => {
    // Arrange: a stale table of another VPC still carries the cluster tag
    const stale = { RouteTableId: 'rtb-0stale00000000001', VpcId: 'vpc-0other0000000001', Associations: [], Routes: [], Tags: [{ Key: 'kubernetes.io/cluster/prod-east', Value: 'owned' }] };
    ec2.on(DescribeRouteTablesCommand, { Filters: [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/prod-east'] }] }).resolves({ RouteTables: [stale] });
    ec2.on(DescribeRouteTablesCommand, { Filters: [{ Name: 'tag:KubernetesCluster', Values: ['prod-east'] }] }).resolves({ RouteTables: [] });

    // Act
    const out = await collector().collectNetwork(instances, 'prod-east');

    // Assert
    expect(ec2.commandCalls(DescribeRouteTablesCommand).map((c) => c.args[0].input.Filters)).toEqual([
      [{ Name: 'vpc-id', Values: [VPC] }],
      [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/prod-east'] }],
      [{ Name: 'tag:KubernetesCluster', Values: ['prod-east'] }],
    ]);
    expect(out.routeTables.map((t) => t.routeTableId)).toEqual(['rtb-0main000000000001', 'rtb-0priv000000000001', 'rtb-0stale00000000001']);
  });

  it('follows NextToken on every listing', async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'a' }], NextToken: 't1' })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-2', GroupName: 'b' }] });
    const out = await collector().collectNetwork(instances);
    expect(ec2.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, 't1']);
    expect(out.securityGroups.map((g) => g.groupId)).toEqual(['sg-1', 'sg-2']);
  });

  it('records a failing listing as a gap of its kind and still collects the rest', async () => {
    ec2.on(DescribeSubnetsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const out = await collector().collectNetwork(instances);
    expect(out.gaps).toEqual([expect.objectContaining({ kind: 'subnets', source: 'ec2:DescribeSubnets' })]);
    expect(out.subnets).toEqual([]);
    expect(out.routeTables).toHaveLength(2);
    expect(out.securityGroups).toHaveLength(2);
  });

  it('reads subnets of instances without a VpcId by subnet-id', async () => {
    const orphan: Instance = { instanceId: 'i-1', state: 'running', privateDnsName: '', subnetId: 'subnet-0orphan', securityGroupIds: [], tags: {} };
    await collector().collectNetwork([orphan]);
    expect(ec2.commandCalls(DescribeSubnetsCommand).map((c) => c.args[0].input.Filters)).toEqual([[{ Name: 'subnet-id', Values: ['subnet-0orphan'] }]]);
    expect(ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(0);
  });

  it('makes no call when there are no instances', async () => {
    const out = await collector().collectNetwork([]);
    expect(ec2.calls()).toHaveLength(0);
    expect(out).toMatchObject({ subnets: [], routeTables: [], securityGroups: [], gaps: [] });
  });
});

describe('Ec2Collector call counts', () => {
  /** A fleet of n cluster instances (both tags, worker profile) in 4 subnets of one VPC, served page by page like EC2. */
  function serveFleet(n: number): void {
    const fleet: SdkInstance[] = Array.from({ length: n }, (_, i) => ({
      InstanceId: `i-${i.toString(16).padStart(17, '0')}`,
      State: { Name: 'running' },
      PrivateDnsName: `ip-10-0-${i % 250}-${i % 200}.us-west-1.compute.internal`,
      SubnetId: `subnet-${i % 4}`,
      VpcId: VPC,
      SecurityGroups: [{ GroupId: 'sg-0node00000000001', GroupName: 'nodes' }],
      IamInstanceProfile: { Arn: WORKER_PROFILE },
      Tags: [
        { Key: 'kubernetes.io/cluster/prod-east', Value: 'owned' },
        { Key: 'KubernetesCluster', Value: 'prod-east' },
      ],
    }));
    const matches = (instance: SdkInstance, filter: Filter): boolean => {
      const values = filter.Values ?? [];
      if (filter.Name === 'tag-key') return (instance.Tags ?? []).some((t) => values.includes(t.Key ?? ''));
      if (filter.Name === 'iam-instance-profile.arn') return values.includes(instance.IamInstanceProfile?.Arn ?? '');
      if (filter.Name?.startsWith('tag:') === true) return (instance.Tags ?? []).some((t) => t.Key === filter.Name?.slice(4) && values.includes(t.Value ?? ''));
      throw new Error(`unexpected filter ${filter.Name}`);
    };
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
      const hits = fleet.filter((i) => (input.Filters ?? []).every((f) => matches(i, f)));
      const start = Number(input.NextToken ?? 0);
      const size = input.MaxResults ?? 1000;
      const page = hits.slice(start, start + size);
      return { Reservations: page.map((i) => ({ ReservationId: `r-${i.InstanceId}`, Instances: [i] })), ...(start + size < hits.length ? { NextToken: String(start + size) } : {}) };
    });
    replayNetwork();
  }

  it.each([
    [1, 3],
    [100, 3],
    [2000, 6],
  ])('%i instances: %i DescribeInstances calls (pages of 1000), 3 network calls', async (n, describeInstances) => {
    // Arrange
    ec2.reset();
    serveFleet(n);
    const ec2Collector = collector();
    // Act
    const found = await ec2Collector.collectInstances({ clusterName: 'prod-east', instanceProfileArns: [WORKER_PROFILE], autoScalingGroups: [] });
    await ec2Collector.collectNetwork(found.instances);
    // Assert
    expect(found.instances).toHaveLength(n);
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(describeInstances);
    expect(ec2.calls()).toHaveLength(describeInstances + 3);
  });
});

// Issue 12: one pass over the region's listing, selected client-side with the membership rules, unless the filtered
// queries are cheaper (docs/api-calls.md).
describe('Ec2Collector region passes (query auto / scan)', () => {
  const member = (id: string, tags: { Key: string; Value: string }[], profile?: string): SdkInstance => ({
    InstanceId: id,
    State: { Name: 'running' },
    SubnetId: 'subnet-1',
    VpcId: VPC,
    SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'nodes' }],
    ...(profile === undefined ? {} : { IamInstanceProfile: { Arn: profile } }),
    Tags: tags,
  });
  const region: SdkInstance[] = [
    member('i-tagged', [{ Key: 'kubernetes.io/cluster/prod-east', Value: 'owned' }]),
    member('i-legacy', [{ Key: 'KubernetesCluster', Value: 'prod-east' }]),
    member('i-profile', [], WORKER_PROFILE),
    member('i-asg', [{ Key: 'aws:autoscaling:groupName', Value: 'alpha-workers' }]),
    member('i-other-cluster', [{ Key: 'kubernetes.io/cluster/other', Value: 'owned' }, { Key: 'KubernetesCluster', Value: 'other' }]),
    member('i-other-asg', [{ Key: 'aws:autoscaling:groupName', Value: 'beta-workers' }], `arn:aws:iam::${A}:instance-profile/other`),
  ];
  /** Serves `region` unfiltered, `perPage` instances a page. */
  function serveRegion(perPage: number): void {
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
      if (input.Filters !== undefined) return { Reservations: [{ ReservationId: 'r-f', Instances: region.slice(0, 4) }] };
      const start = Number(input.NextToken ?? 0);
      const page = region.slice(start, start + perPage);
      return { Reservations: [{ ReservationId: `r-${start}`, Instances: page }], ...(start + perPage < region.length ? { NextToken: String(start + perPage) } : {}) };
    });
  }
  const scanning = (options: Partial<ConstructorParameters<typeof Ec2Collector>[0]> = {}) =>
    new Ec2Collector({ ec2: new EC2Client({ region: 'us-west-1' }), context: testContext(), query: 'auto', ...options });

  beforeEach(() => {
    ec2.reset();
  });

  it('reads the region in one unfiltered pass and keeps exactly the instances the four filters would return', async () => {
    serveRegion(1000);
    const out = await scanning().collectInstances(query);
    expect(ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input)).toEqual([{ MaxResults: 1000, NextToken: undefined }]);
    expect(out.instances.map((i) => i.instanceId).sort()).toEqual(['i-asg', 'i-legacy', 'i-profile', 'i-tagged']);
    expect(out.reservations.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId).sort()).toEqual(['i-asg', 'i-legacy', 'i-profile', 'i-tagged']);
    expect(out.notes).toEqual([]);
  });

  it('switches to the filters, with a note, once the pass has as many pages as the filtered queries it replaces', async () => {
    serveRegion(1);
    const out = await scanning().collectInstances(query);
    const inputs = ec2.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);
    // 4 filtered queries (tag-key, KubernetesCluster, profiles, groups): the pass stops after 4 pages.
    expect(inputs.filter((i) => i.Filters === undefined)).toHaveLength(4);
    expect(inputs.filter((i) => i.Filters !== undefined)).toHaveLength(4);
    expect(out.instances.map((i) => i.instanceId).sort()).toEqual(['i-asg', 'i-legacy', 'i-profile', 'i-tagged']);
    expect(out.notes).toEqual([
      "ec2:DescribeInstances: the region has more than 4000 instances, so the cluster's were read with server-side filters (4 queries) instead of one pass over the region",
    ]);
  });

  it('shares one pass between the clusters of the run in the same account and region, with a budget for all of them', async () => {
    serveRegion(1);
    const scans = new Map();
    const a = await scanning({ scans, scanKey: 'k', clustersSharingScans: 2 }).collectInstances(query);
    const b = await scanning({ scans, scanKey: 'k', clustersSharingScans: 2 }).collectInstances({ clusterName: 'other', instanceProfileArns: [], autoScalingGroups: ['beta-workers'] });
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(6);
    expect(a.instances).toHaveLength(4);
    expect(b.instances.map((i) => i.instanceId).sort()).toEqual(['i-other-asg', 'i-other-cluster']);
  });

  it('with query scan, never uses a filter', async () => {
    serveRegion(1);
    await scanning({ query: 'scan' }).collectInstances(query);
    expect(ec2.commandCalls(DescribeInstancesCommand).every((c) => c.args[0].input.Filters === undefined)).toBe(true);
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(region.length);
  });

  it('a failed pass is an instances gap naming the pass', async () => {
    ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const out = await scanning().collectInstances(query);
    expect(out.instances).toEqual([]);
    expect(out.gaps).toEqual([{ kind: 'instances', source: 'ec2:DescribeInstances', reason: expect.stringMatching(/^UnauthorizedOperation: .*\(query: every instances of the region\)$/) as unknown as string }]);
  });

  it('with filters chosen and a filter rejected by the endpoint, reads the region in one pass instead, with a note', async () => {
    ec2.on(DescribeInstancesCommand).callsFake((input: DescribeInstancesCommandInput) => {
      if (input.Filters !== undefined) throw awsError('InvalidParameterValue', `The filter '${input.Filters[0]?.Name ?? ''}' is invalid`, 400);
      return { Reservations: [{ ReservationId: 'r-0', Instances: region }] };
    });
    const out = await scanning({ query: 'filters' }).collectInstances(query);
    expect(out.gaps).toEqual([]);
    expect(out.instances).toHaveLength(4);
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toMatch(/^ec2:DescribeInstances: the endpoint rejected a server-side filter \(tag-key=kubernetes.io\/cluster\/prod-east: InvalidParameterValue: The filter 'tag-key' is invalid\); the instances were read in one pass over the region and selected client-side$/);
  });

  it('reads subnets, route tables and security groups in one pass each, keeping the instances\' VPCs, the cluster-tagged tables and the attached groups', async () => {
    ec2.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1', VpcId: VPC }, { SubnetId: 'subnet-9', VpcId: 'vpc-default' }] });
    ec2.on(DescribeRouteTablesCommand).resolves({
      RouteTables: [
        { RouteTableId: 'rtb-1', VpcId: VPC },
        { RouteTableId: 'rtb-stale', VpcId: 'vpc-elsewhere', Tags: [{ Key: 'KubernetesCluster', Value: 'prod-east' }] },
        { RouteTableId: 'rtb-9', VpcId: 'vpc-default' },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: 'sg-1', VpcId: VPC }, { GroupId: 'sg-9', VpcId: VPC }] });
    const instances = [{ instanceId: 'i-1', vpcId: VPC, subnetId: 'subnet-1', securityGroupIds: ['sg-1'] }] as unknown as Instance[];
    const out = await scanning().collectNetwork(instances, 'prod-east');
    expect(ec2.calls().map((c) => (c.args[0].input as { Filters?: unknown }).Filters)).toEqual([undefined, undefined, undefined]);
    expect(out.subnets.map((s) => s.subnetId)).toEqual(['subnet-1']);
    expect(out.routeTables.map((t) => t.routeTableId)).toEqual(['rtb-1', 'rtb-stale']);
    expect(out.securityGroups.map((g) => g.groupId)).toEqual(['sg-1']);
    expect(ec2.commandCalls(DescribeRouteTablesCommand)[0]?.args[0].input.MaxResults).toBe(100);
  });
});

describe('Ec2Collector.collectAvailabilityZones', () => {
  beforeEach(() => {
    ec2.reset();
  });

  it('reads the zone types with one call, as the provider\'s zone cache does (zones.go populate)', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).resolves(recorded('ec2.DescribeAvailabilityZones_1'));
    const out = await collector().collectAvailabilityZones();
    expect(out.zones).toEqual([
      { zoneName: 'us-west-1a', zoneId: 'usw1-az1', zoneType: 'availability-zone' },
      { zoneName: 'us-west-1b', zoneId: 'usw1-az3', zoneType: 'availability-zone' },
    ]);
    expect(ec2.commandCalls(DescribeAvailabilityZonesCommand)).toHaveLength(1);
  });

  it('falls back to zone names with a note when the call is denied or answers nothing', async () => {
    ec2.on(DescribeAvailabilityZonesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const denied = await collector().collectAvailabilityZones();
    expect(denied.zones).toBeUndefined();
    expect(denied.notes).toEqual([expect.stringContaining('ec2:DescribeAvailabilityZones failed')]);
    ec2.reset();
    ec2.on(DescribeAvailabilityZonesCommand).resolves({ AvailabilityZones: [] });
    expect((await collector().collectAvailabilityZones()).notes).toEqual([expect.stringContaining('returned no zones')]);
  });
});
