import { describe, expect, it } from '@jest/globals';
import { computeMembership } from '../../lib/domain/membership.js';
import {
  DEFAULTS,
  aCluster,
  aGap,
  aRouteTable,
  aSecurityGroup,
  aSubnet,
  anAssociatedRouteTable,
  anInstance,
  anInstanceProfile,
  aView,
  clusterTag,
  legacyClusterTag,
} from '../support/builders.js';

describe('computeMembership', () => {
  it('returns an empty membership for an empty account', () => {
    const m = computeMembership(aView(), aCluster());

    expect(m.instances).toEqual([]);
    expect(m.subnets).toEqual([]);
    expect(m.routeTables).toEqual([]);
    expect(m.securityGroups).toEqual([]);
    expect(m.vpcIds).toEqual([]);
    expect(m.unresolved).toEqual({ kinds: {}, instances: [], subnets: [], securityGroups: [], routeTables: [], instanceProfiles: [], undecidedInstances: [] });
  });

  it('counts instances tagged with the new key (any value) or the legacy key equal to the cluster name', () => {
    const byKey = anInstance({ tags: clusterTag('prod', 'whatever'), instanceProfileArn: undefined });
    const byLegacy = anInstance({ tags: legacyClusterTag('prod'), instanceProfileArn: undefined });
    const otherLegacy = anInstance({ tags: legacyClusterTag('staging'), instanceProfileArn: undefined });

    const m = computeMembership(aView({ instances: [byKey, byLegacy, otherLegacy] }), aCluster());

    expect(m.instances.map((i) => i.instanceId)).toEqual([byKey.instanceId, byLegacy.instanceId]);
    expect(m.reasons[byKey.instanceId]).toEqual([{ kind: 'tag', key: 'kubernetes.io/cluster/prod', value: 'whatever' }]);
    expect(m.reasons[byLegacy.instanceId]).toEqual([{ kind: 'tag', key: 'KubernetesCluster', value: 'prod' }]);
  });

  it('counts untagged instances whose profile holds a configured role, even when the role ARN carries a path', () => {
    const profile = anInstanceProfile({ name: 'nodes', roleArns: ['arn:aws:iam::123456789012:role/k8s/nodes/k8s-worker'] });
    const withPath = anInstance({ tags: {}, instanceProfileArn: profile.arn });
    const plain = anInstance({ tags: {} });
    const unrelated = anInstance({ tags: {}, instanceProfileArn: anInstanceProfile({ roleArns: ['arn:aws:iam::123456789012:role/web'] }).arn });
    const view = aView({ instances: [withPath, plain, unrelated] });
    view.instanceProfiles.push(profile, anInstanceProfile({ arn: unrelated.instanceProfileArn as string, name: 'web', roleArns: ['arn:aws:iam::123456789012:role/web'] }));

    const m = computeMembership(view, aCluster());

    expect(m.instances.map((i) => i.instanceId)).toEqual([withPath.instanceId, plain.instanceId]);
    expect(m.reasons[withPath.instanceId]).toEqual([
      { kind: 'role', role: 'worker', roleArn: 'arn:aws:iam::123456789012:role/k8s/nodes/k8s-worker', instanceProfileArn: profile.arn },
    ]);
  });

  it('resolves a profile through the role list when view.instanceProfiles lacks it', () => {
    const instance = anInstance({ tags: {} });
    const view = aView({ instances: [instance], instanceProfiles: [] });

    const m = computeMembership(view, aCluster());

    expect(m.reasons[instance.instanceId]?.[0]).toMatchObject({ kind: 'role', role: 'worker' });
  });

  it('counts instances of a listed Auto Scaling group through the aws:autoscaling:groupName tag', () => {
    const inGroup = anInstance({ tags: { 'aws:autoscaling:groupName': 'alpha-workers' }, instanceProfileArn: undefined });
    const otherGroup = anInstance({ tags: { 'aws:autoscaling:groupName': 'beta' }, instanceProfileArn: undefined });

    const m = computeMembership(aView({ instances: [inGroup, otherGroup] }), aCluster({ autoScalingGroups: ['alpha-workers'] }));

    expect(m.instances).toEqual([inGroup]);
    expect(m.reasons[inGroup.instanceId]).toEqual([{ kind: 'autoScalingGroup', name: 'alpha-workers' }]);
  });

  it('records every reason an instance is a member', () => {
    const instance = anInstance({ tags: { ...clusterTag(), 'aws:autoscaling:groupName': 'alpha' } });

    const m = computeMembership(aView({ instances: [instance] }), aCluster({ autoScalingGroups: ['alpha'] }));

    expect(m.reasons[instance.instanceId]?.map((r) => r.kind)).toEqual(['tag', 'autoScalingGroup', 'role']);
  });

  it('skips terminated and shutting-down instances entirely', () => {
    const gone = anInstance({ state: 'terminated', subnetId: 'subnet-gone', securityGroupIds: ['sg-gone'] });
    const going = anInstance({ state: 'shutting-down', subnetId: 'subnet-gone' });
    const stopped = anInstance({ state: 'stopped' });

    const m = computeMembership(aView({ instances: [gone, going, stopped], subnets: [aSubnet()], securityGroups: [aSecurityGroup()] }), aCluster());

    expect(m.instances).toEqual([stopped]);
    expect(m.unresolved.subnets).toEqual([]);
    expect(m.unresolved.securityGroups).toEqual([]);
  });

  it('ignores other clusters and instances outside any cluster', () => {
    const other = anInstance({ tags: clusterTag('staging'), instanceProfileArn: undefined });
    const plain = anInstance({ tags: { Name: 'bastion' }, instanceProfileArn: undefined });

    const m = computeMembership(aView({ instances: [other, plain] }), aCluster());

    expect(m.instances).toEqual([]);
  });

  it('derives subnets, security groups, VPCs and route tables (explicit association, else main) from the members', () => {
    const subnetB = aSubnet({ subnetId: 'subnet-b', availabilityZone: 'us-west-1b' });
    const a = anInstance({ securityGroupIds: ['sg-0a1b2c3d', 'sg-extra'] });
    const b = anInstance({ subnetId: 'subnet-b', availabilityZone: 'us-west-1b' });
    const explicit = anAssociatedRouteTable(['subnet-b']);
    const main = aRouteTable();
    const unusedSubnet = aSubnet({ subnetId: 'subnet-unused' });
    const view = aView({
      instances: [a, b],
      subnets: [aSubnet(), subnetB, unusedSubnet],
      routeTables: [main, explicit, anAssociatedRouteTable(['subnet-unused'])],
      securityGroups: [aSecurityGroup(), aSecurityGroup({ groupId: 'sg-extra', tags: {} }), aSecurityGroup({ groupId: 'sg-unused' })],
    });

    const m = computeMembership(view, aCluster());

    expect(m.subnets.map((s) => s.subnetId)).toEqual([DEFAULTS.subnetId, 'subnet-b']);
    expect(m.securityGroups.map((g) => g.groupId)).toEqual([DEFAULTS.securityGroupId, 'sg-extra']);
    expect(m.vpcIds).toEqual([DEFAULTS.vpcId]);
    expect(m.subnetRouteTables).toEqual({
      [DEFAULTS.subnetId]: { routeTableId: main.routeTableId, via: 'main' },
      'subnet-b': { routeTableId: explicit.routeTableId, via: 'explicit' },
    });
    expect(m.routeTables.map((t) => t.routeTableId)).toEqual([main.routeTableId, explicit.routeTableId]);
  });

  it('takes the VPC from the subnet when the instance has none', () => {
    const instance = anInstance({ vpcId: undefined });

    const m = computeMembership(aView({ instances: [instance], subnets: [aSubnet({ vpcId: 'vpc-fromsubnet' })] }), aCluster());

    expect(m.vpcIds).toEqual(['vpc-fromsubnet']);
  });

  it('records subnets and security groups the view lacks, with the instances that use them', () => {
    const a = anInstance({ subnetId: 'subnet-missing', securityGroupIds: ['sg-missing'] });
    const b = anInstance({ subnetId: 'subnet-missing', securityGroupIds: ['sg-missing'] });

    const m = computeMembership(aView({ instances: [a, b], routeTables: [aRouteTable()] }), aCluster());

    expect(m.unresolved.subnets).toEqual([
      { id: 'subnet-missing', instanceIds: [a.instanceId, b.instanceId], vpcId: DEFAULTS.vpcId, reason: 'subnet-missing is not in the collected data (ec2 describe-subnets)' },
    ]);
    expect(m.unresolved.securityGroups).toEqual([
      expect.objectContaining({ id: 'sg-missing', instanceIds: [a.instanceId, b.instanceId] }),
    ]);
    // the main table of the instance's VPC still applies to a subnet missing from the view
    expect(m.subnetRouteTables['subnet-missing']).toEqual({ routeTableId: DEFAULTS.routeTableId, via: 'main' });
  });

  it('takes the reason of a missing resource from its collection gap', () => {
    const instance = anInstance();
    const gap = aGap('subnets');

    const m = computeMembership(aView({ instances: [instance], gaps: [gap] }), aCluster());

    expect(m.unresolved.kinds.subnets).toEqual(gap);
    expect(m.unresolved.subnets[0]?.reason).toBe('ec2:DescribeSubnets: AccessDenied: not authorized to perform ec2:DescribeSubnets');
  });

  it('records subnets whose route table is unknown, per subnet', () => {
    const instance = anInstance();

    const noMain = computeMembership(aView({ instances: [instance], subnets: [aSubnet()], routeTables: [] }), aCluster());
    const gapped = computeMembership(aView({ instances: [instance], subnets: [aSubnet()], gaps: [aGap('routeTables')] }), aCluster());

    expect(noMain.unresolved.routeTables).toEqual([expect.objectContaining({ id: DEFAULTS.subnetId, vpcId: DEFAULTS.vpcId, instanceIds: [instance.instanceId] })]);
    expect(noMain.unresolved.routeTables[0]?.reason).toContain('main route table of vpc-0a1b2c3d');
    expect(gapped.unresolved.routeTables[0]?.reason).toContain('ec2:DescribeRouteTables');
  });

  it('records member instance profiles that do not resolve to a role', () => {
    const instance = anInstance({ instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/orphan' });

    const m = computeMembership(aView({ instances: [instance] }), aCluster());

    expect(m.instances).toEqual([instance]);
    expect(m.unresolved.instanceProfiles).toEqual([
      expect.objectContaining({ id: 'arn:aws:iam::123456789012:instance-profile/orphan', instanceIds: [instance.instanceId] }),
    ]);
  });

  it('lists untagged instances as undecided when the roles could not be read, but not instances of other clusters', () => {
    const untagged = anInstance({ tags: {} });
    const otherCluster = anInstance({ tags: clusterTag('staging') });
    const tagged = anInstance();
    const view = aView({ instances: [untagged, otherCluster, tagged], roles: [], instanceProfiles: [], gaps: [aGap('roles')] });

    const m = computeMembership(view, aCluster());

    expect(m.instances).toEqual([tagged]);
    expect(m.unresolved.undecidedInstances.map((r) => r.id)).toEqual([untagged.instanceId]);
    expect(m.unresolved.undecidedInstances[0]?.reason).toContain('iam:GetAccountAuthorizationDetails');
    expect(m.unresolved.instanceProfiles.map((r) => r.instanceIds)).toEqual([[tagged.instanceId]]);
  });

  it('does not call an instance undecided when its profile simply has no role', () => {
    const instance = anInstance({ tags: {}, instanceProfileArn: 'arn:aws:iam::123456789012:instance-profile/empty' });

    const m = computeMembership(aView({ instances: [instance] }), aCluster());

    expect(m.instances).toEqual([]);
    expect(m.unresolved.undecidedInstances).toEqual([]);
  });

  it('records a whole-kind instances gap and per-instance gaps', () => {
    const whole = aGap('instances');
    const one = aGap('instances', { resourceId: 'i-0123' });

    const m = computeMembership(aView({ gaps: [one, whole] }), aCluster());

    expect(m.unresolved.kinds.instances).toEqual(whole);
    expect(m.unresolved.instances).toEqual([{ id: 'i-0123', instanceIds: ['i-0123'], reason: `${one.source}: ${one.reason}` }]);
  });
});
