import { describe, expect, it } from '@jest/globals';
import { checkRouteTables } from '../../../../lib/domain/checks/tags/route-tables.js';
import { aCheckInput, aCluster, aCompliantView, aGap, anAssociatedRouteTable, anInstance, aRouteTable, aSubnet, aView, clusterTag } from '../../../support/builders.js';

describe('tags.route-table.missing and tags.route-table.ambiguous', () => {
  it('find nothing in an empty account', () => {
    expect(checkRouteTables(aCheckInput())).toEqual([]);
  });

  it('pass exactly one tagged route table in the VPC, even an unassociated one', () => {
    const view = aCompliantView(2, { routeTables: [aRouteTable({ tags: {} }), anAssociatedRouteTable([], { tags: clusterTag('prod', 'shared') })] });

    expect(checkRouteTables(aCheckInput({ view }))).toEqual([]);
  });

  it('do not run without cloud routes', () => {
    const view = aCompliantView(1, { routeTables: [aRouteTable({ tags: {} })] });

    expect(checkRouteTables(aCheckInput({ view, cluster: aCluster({ cloudRoutes: false }) }))).toEqual([]);
  });

  it('flag a VPC without a tagged route table with the route controller error', () => {
    const view = aCompliantView(1, { routeTables: [aRouteTable({ tags: clusterTag('staging') })] });

    const drafts = checkRouteTables(aCheckInput({ view }));

    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'tags.route-table.missing',
        resource: expect.objectContaining({ type: 'AWS::EC2::VPC', id: 'vpc-0a1b2c3d' }),
      }),
    ]);
    expect(drafts[0]?.detail).toContain('unable to find route table for AWS cluster: prod');
    expect(drafts[0]?.remediation).toContain('aws ec2 create-tags --resources rtb-0a1b2c3d --tags Key=kubernetes.io/cluster/prod,Value=shared --region us-west-1');
  });

  it('flag several tagged route tables and keep the one the cluster subnets use', () => {
    const extra = anAssociatedRouteTable([], { routeTableId: 'rtb-extra', tags: { KubernetesCluster: 'prod' } });
    const view = aCompliantView(1, { routeTables: [aRouteTable(), extra] });

    const drafts = checkRouteTables(aCheckInput({ view }));

    expect(drafts.map((d) => d.check)).toEqual(['tags.route-table.ambiguous']);
    expect(drafts[0]?.detail).toContain('found multiple matching AWS route tables for AWS cluster: prod');
    expect(drafts[0]?.remediation).toBe('Keep the tag on rtb-0a1b2c3d only: aws ec2 delete-tags --resources rtb-extra --tags Key=KubernetesCluster --region us-west-1');
  });

  it('count tagged tables of other VPCs, because the provider searches the whole region', () => {
    const view = aCompliantView(1);
    view.routeTables.push(aRouteTable({ routeTableId: 'rtb-other', vpcId: 'vpc-other' }));

    const drafts = checkRouteTables(aCheckInput({ view }));

    expect(drafts.map((d) => d.check)).toEqual(['tags.route-table.ambiguous']);
    expect(drafts[0]?.detail).toContain('rtb-other in vpc-other');
  });

  it('report each cluster VPC', () => {
    const view = aView({
      instances: [anInstance(), anInstance({ subnetId: 'subnet-2', vpcId: 'vpc-2' })],
      subnets: [aSubnet(), aSubnet({ subnetId: 'subnet-2', vpcId: 'vpc-2' })],
      routeTables: [aRouteTable({ tags: {} }), aRouteTable({ routeTableId: 'rtb-2', vpcId: 'vpc-2', tags: {} })],
    });

    expect(checkRouteTables(aCheckInput({ view })).map((d) => [d.check, d.resource.id])).toEqual([
      ['tags.route-table.missing', 'vpc-0a1b2c3d'],
      ['tags.route-table.missing', 'vpc-2'],
    ]);
  });

  it('report errors for both checks when the route tables could not be collected', () => {
    const drafts = checkRouteTables(aCheckInput({ view: aCompliantView(1, { routeTables: [], gaps: [aGap('routeTables')] }) }));

    expect(drafts.map((d) => [d.check, d.status, d.resource.id])).toEqual([
      ['tags.route-table.missing', 'error', 'vpc-0a1b2c3d'],
      ['tags.route-table.ambiguous', 'error', 'vpc-0a1b2c3d'],
    ]);
  });

  it('report an error instead of a pass when a single route table could not be read', () => {
    const view = aCompliantView(1, { gaps: [aGap('routeTables', { resourceId: 'rtb-unreadable' })] });

    const drafts = checkRouteTables(aCheckInput({ view }));

    expect(drafts.map((d) => [d.check, d.status])).toEqual([['tags.route-table.ambiguous', 'error']]);
  });

  it('report errors when the instances could not be collected', () => {
    expect(checkRouteTables(aCheckInput({ view: aView({ gaps: [aGap('instances')] }) })).map((d) => d.status)).toEqual(['error', 'error']);
  });
});
