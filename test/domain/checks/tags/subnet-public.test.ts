import { describe, expect, it } from '@jest/globals';
import { isSubnetPublic, routeTableOfSubnet } from '../../../../lib/domain/checks/tags/subnet-public.js';
import { aRouteTable, aSubnet, anAssociatedRouteTable, aView } from '../../../support/builders.js';

describe('subnet route table and public flag', () => {
  it('prefers the explicit association over the main table', () => {
    const explicit = anAssociatedRouteTable(['subnet-0a1b2c3d'], { routes: [{ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'nat-1' }] });
    const view = aView({ routeTables: [aRouteTable(), explicit] });

    expect(routeTableOfSubnet(view, aSubnet())).toBe(explicit);
    expect(isSubnetPublic(view, aSubnet())).toBe(false);
  });

  it('uses the main table and its igw route', () => {
    expect(isSubnetPublic(aView({ routeTables: [aRouteTable()] }), aSubnet())).toBe(true);
  });

  it('is unknown without any table', () => {
    expect(isSubnetPublic(aView(), aSubnet())).toBeUndefined();
  });
});
