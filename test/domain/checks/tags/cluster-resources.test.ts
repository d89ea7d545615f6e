import { describe, expect, it } from '@jest/globals';
import { clusterResources, routeTablesInUse } from '../../../../lib/domain/checks/tags/cluster-resources.js';
import { aCheckInput, aCluster, aCompliantView, anAssociatedRouteTable, aRouteTable, clusterTag } from '../../../support/builders.js';

describe('cluster resources', () => {
  it('lists route tables of the subnets plus, with cloud routes, tagged tables of the cluster VPCs', () => {
    const tagged = anAssociatedRouteTable([], { routeTableId: 'rtb-routes', tags: clusterTag() });
    const otherVpc = aRouteTable({ routeTableId: 'rtb-far', vpcId: 'vpc-far' });
    const view = aCompliantView(1, { routeTables: [aRouteTable({ tags: {} }), tagged, otherVpc] });

    expect(routeTablesInUse(aCheckInput({ view })).map((t) => t.routeTableId)).toEqual(['rtb-0a1b2c3d', 'rtb-routes']);
    expect(routeTablesInUse(aCheckInput({ view, cluster: aCluster({ cloudRoutes: false }) })).map((t) => t.routeTableId)).toEqual(['rtb-0a1b2c3d']);
  });

  it('lists resources of the requested kinds in a stable order', () => {
    const input = aCheckInput({ view: aCompliantView(1) });

    expect(clusterResources(input, ['securityGroup', 'subnet']).map((r) => r.kind)).toEqual(['subnet', 'securityGroup']);
    expect(clusterResources(input, ['instance', 'subnet', 'routeTable', 'securityGroup'])).toHaveLength(4);
  });
});
