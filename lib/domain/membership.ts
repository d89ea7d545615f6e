// Placeholder type so the skeleton compiles; the membership issue work replaces this file.
import type { Instance, RouteTable, SecurityGroup, Subnet } from './model/account-view.js';

export interface ClusterMembership {
  instances: Instance[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  securityGroups: SecurityGroup[];
}
