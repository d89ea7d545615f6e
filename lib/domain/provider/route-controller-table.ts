import type { ClusterConfig } from '../config/schema.js';
import type { RouteTable } from '../model/account-view.js';
import { hasClusterTag } from '../tags/cluster-tag.js';
import { providerClusterId } from './cluster-id.js';

/** The route table the route controller would write pod routes to (aws_routes.go:31-67 findRouteTable). */
export type RouteControllerTable =
  | {
      /** cloud-config `RouteTableID`: that table, by id, with no tag lookup (aws_routes.go:37-44). */
      via: 'routeTableId';
      routeTableId: string;
      /** The table, when the collected data holds it; undefined -> "unable to find route table for AWS cluster". */
      table?: RouteTable;
    }
  | {
      /** Every route table of the region, kept when it carries the cluster tag in either form (aws_routes.go:45-57). */
      via: 'tag';
      tagged: RouteTable[];
    };

/** Which table the route controller would use for the cluster, from the region's route tables. */
export function routeControllerTable(routeTables: readonly RouteTable[], cluster: Pick<ClusterConfig, 'name' | 'cloudConfig'>): RouteControllerTable {
  const configured = cluster.cloudConfig?.routeTableId;
  if (configured !== undefined) {
    const table = routeTables.find((t) => t.routeTableId === configured);
    return { via: 'routeTableId', routeTableId: configured, ...(table ? { table } : {}) };
  }
  const clusterId = providerClusterId(cluster);
  return { via: 'tag', tagged: routeTables.filter((t) => hasClusterTag(t.tags, clusterId)) };
}

/** The provider's outcome: the table it uses, or its error text (aws_routes.go:59-65). */
export function routeControllerOutcome(choice: RouteControllerTable, clusterName: string): { table?: RouteTable; error?: string } {
  const tables = choice.via === 'routeTableId' ? (choice.table ? [choice.table] : []) : choice.tagged;
  if (tables.length === 0) return { error: `unable to find route table for AWS cluster: ${clusterName}` };
  if (tables.length > 1) return { error: `found multiple matching AWS route tables for AWS cluster: ${clusterName}` };
  return { table: tables[0] as RouteTable };
}
