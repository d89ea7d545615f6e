import type { RouteTable, Subnet } from '../model/account-view.js';

/** The route table a subnet uses and how. */
export interface SubnetRouteTable {
  table: RouteTable;
  via: 'explicit' | 'main';
}

/**
 * The route table of a subnet as the provider finds it among the tables of the subnet's VPC (aws.go isSubnetPublic,
 * 1879-1907): the table explicitly associated with the subnet, else the VPC's main table. Undefined when neither is
 * known (the provider then fails with "could not locate routing table for subnet <id>").
 */
export function subnetRouteTable(routeTables: readonly RouteTable[], subnet: Pick<Subnet, 'subnetId' | 'vpcId'>): SubnetRouteTable | undefined {
  const ofVpc = routeTables.filter((t) => t.vpcId === subnet.vpcId);
  const explicit = ofVpc.find((t) => t.associations.some((a) => a.subnetId === subnet.subnetId));
  if (explicit) return { table: explicit, via: 'explicit' };
  const main = ofVpc.find((t) => t.associations.some((a) => a.main));
  return main ? { table: main, via: 'main' } : undefined;
}

/** The route of a table that makes a subnet public: a `GatewayId` starting with `igw` (aws.go:1916). */
export function internetGatewayRoute(table: RouteTable): string | undefined {
  return table.routes.find((r) => (r.gatewayId ?? '').startsWith('igw'))?.gatewayId;
}
