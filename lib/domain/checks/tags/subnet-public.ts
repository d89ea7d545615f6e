import { subnetRouteTable } from '../../membership.js';
import type { AccountView, RouteTable, Subnet } from '../../model/account-view.js';

/** The route table of a subnet (the one rule, lib/domain/membership.ts `subnetRouteTable`); undefined when unknown. */
export function routeTableOfSubnet(view: AccountView, subnet: Subnet): RouteTable | undefined {
  return subnetRouteTable(view, subnet.subnetId, subnet.vpcId)?.table;
}

/**
 * Whether the provider treats the subnet as public (aws.go `isSubnetPublic`): its route table has a route through a
 * gateway whose id starts with `igw`. Undefined when the route table is unknown.
 */
export function isSubnetPublic(view: AccountView, subnet: Subnet): boolean | undefined {
  const table = routeTableOfSubnet(view, subnet);
  if (!table) return undefined;
  return table.routes.some((r) => (r.gatewayId ?? '').startsWith('igw'));
}
