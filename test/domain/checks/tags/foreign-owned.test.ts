import { describe, expect, it } from '@jest/globals';
import { checkForeignOwned } from '../../../../lib/domain/checks/tags/foreign-owned.js';
import { aCheckInput, aCompliantView, aGap, anInstance, aRouteTable, aSecurityGroup, aSubnet, aView, clusterTag } from '../../../support/builders.js';

describe('tags.foreign-owned', () => {
  it('finds nothing in an empty account', () => {
    expect(checkForeignOwned(aCheckInput())).toEqual([]);
  });

  it('passes resources shared with other clusters', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: { ...clusterTag('prod', 'shared'), ...clusterTag('staging', 'shared') } })] });

    expect(checkForeignOwned(aCheckInput({ view }))).toEqual([]);
  });

  it('does not look at other clusters\' own resources or at instances', () => {
    const view = aCompliantView(1);
    view.subnets.push(aSubnet({ subnetId: 'subnet-staging', tags: clusterTag('staging', 'owned') }));
    view.instances.push(anInstance({ tags: { ...clusterTag(), ...clusterTag('staging') } }));

    expect(checkForeignOwned(aCheckInput({ view }))).toEqual([]);
  });

  it('flags a subnet this cluster uses that another cluster owns', () => {
    const view = aCompliantView(1, { subnets: [aSubnet({ tags: { ...clusterTag('prod', 'shared'), ...clusterTag('staging', 'owned') } })] });

    const drafts = checkForeignOwned(aCheckInput({ view }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'tags.foreign-owned',
        resource: expect.objectContaining({ id: 'subnet-0a1b2c3d' }),
        remediation: 'aws ec2 create-tags --resources subnet-0a1b2c3d --tags Key=kubernetes.io/cluster/staging,Value=shared --region us-west-1',
        evidence: expect.objectContaining({ owners: ['staging'] }),
      }),
    ]);
    expect(drafts[0]?.detail).toContain('kubernetes.io/cluster/staging=owned');
  });

  it('flags the subnet, route table and security group, one finding each', () => {
    const owned = clusterTag('staging', 'owned');
    const view = aCompliantView(2, { subnets: [aSubnet({ tags: owned })], routeTables: [aRouteTable({ tags: owned })], securityGroups: [aSecurityGroup({ tags: owned })] });

    expect(checkForeignOwned(aCheckInput({ view })).map((d) => d.resource.type)).toEqual(['AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroup']);
  });

  it('reports an error for a subnet it could not read', () => {
    const view = aView({ instances: [anInstance()], routeTables: [aRouteTable()], securityGroups: [aSecurityGroup()], gaps: [aGap('subnets', { resourceId: 'subnet-0a1b2c3d' })] });

    const drafts = checkForeignOwned(aCheckInput({ view }));

    expect(drafts).toEqual([expect.objectContaining({ status: 'error', resource: expect.objectContaining({ type: 'AWS::EC2::Subnet', id: 'subnet-0a1b2c3d' }) })]);
  });
});
