import { describe, expect, it } from '@jest/globals';
import { CHECKS } from '../../../../lib/domain/checks/check-ids.js';
import { runTagChecks } from '../../../../lib/domain/checks/tags/index.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aRouteTable, aSecurityGroup, aSubnet, aView, clusterTag } from '../../../support/builders.js';

describe('runTagChecks', () => {
  it('finds nothing in an empty account or a compliant cluster', () => {
    expect(runTagChecks(aCheckInput())).toEqual([]);
    expect(runTagChecks(aCheckInput({ view: aCompliantView(3) }))).toEqual([]);
  });

  it('raises no false alarm on another cluster, terminated instances or the default VPC', () => {
    const view = aCompliantView(2);
    view.instances.push(
      anInstance({ tags: clusterTag('staging'), instanceProfileArn: undefined, subnetId: 'subnet-st', securityGroupIds: ['sg-st1', 'sg-st2'] }),
      anInstance({ state: 'terminated', tags: {}, subnetId: 'subnet-gone', securityGroupIds: ['sg-gone'] }),
    );
    view.subnets.push(aSubnet({ subnetId: 'subnet-st', tags: clusterTag('staging', 'owned') }), aSubnet({ subnetId: 'subnet-def', vpcId: 'vpc-default', tags: {} }));
    view.securityGroups.push(aSecurityGroup({ groupId: 'sg-st1', tags: clusterTag('staging') }), aSecurityGroup({ groupId: 'sg-st2', tags: clusterTag('staging') }), aSecurityGroup({ groupId: 'sg-def', vpcId: 'vpc-default', tags: {} }));
    view.routeTables.push(aRouteTable({ routeTableId: 'rtb-def', vpcId: 'vpc-default', tags: {} }));

    expect(runTagChecks(aCheckInput({ view }))).toEqual([]);
  });

  it('only emits tags.* check ids of the contract', () => {
    const view = aView({
      instances: [
        anInstance({ tags: { KubernetesCluster: 'x', ...clusterTag('prod', 'bad'), ...clusterTag('y', 'owned') }, securityGroupIds: ['sg-a', 'sg-b', 'sg-gone'] }),
        anInstance({ tags: {}, subnetId: 'subnet-gone' }),
        anInstance({ subnetId: 'subnet-np', vpcId: 'vpc-np' }),
      ],
      subnets: [aSubnet({ tags: clusterTag('z', 'owned') }), aSubnet({ subnetId: 'subnet-2', tags: {} }), aSubnet({ subnetId: 'subnet-np', vpcId: 'vpc-np' })],
      securityGroups: [aSecurityGroup({ groupId: 'sg-a' }), aSecurityGroup({ groupId: 'sg-b' })],
      routeTables: [
        aRouteTable({ tags: {} }),
        aRouteTable({ routeTableId: 'rtb-o1', vpcId: 'vpc-o' }),
        aRouteTable({ routeTableId: 'rtb-o2', vpcId: 'vpc-o' }),
        aRouteTable({ routeTableId: 'rtb-np', vpcId: 'vpc-np', tags: {}, routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-0a' }] }),
      ],
      gaps: [aGap('instances', { resourceId: 'i-x' })],
    });
    const ids: string[] = CHECKS.filter((c) => c.family === 'tags' && !c.id.endsWith('.family.unavailable')).map((c) => c.id);

    const drafts = runTagChecks(aCheckInput({ view }));

    expect(new Set(drafts.map((d) => d.check))).toEqual(new Set(ids));
    for (const d of drafts) expect(d.detail.length).toBeGreaterThan(20);
  });
});
