import type { AccountView, RouteTable, Subnet } from '../../model/account-view.js';

/** The route table of a subnet: the one explicitly associated, else its VPC's main table; undefined when neither is known. */
export function routeTableOfSubnet(view: AccountView, subnet: Subnet): RouteTable | undefined {
  return (
    view.routeTables.find((t) => t.associations.some((a) => a.subnetId === subnet.subnetId)) ??
    view.routeTables.find((t) => t.vpcId === subnet.vpcId && t.associations.some((a) => a.main))
  );
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
