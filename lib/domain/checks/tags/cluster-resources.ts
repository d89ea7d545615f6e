import type { CheckId } from '../check-ids.js';
import type { CheckInput } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft, type ResourceRef } from '../../findings/finding.js';
import type { RouteTable, Tags } from '../../model/account-view.js';
import { ec2Ref } from '../../membership/resource-refs.js';
import {
  instanceUnitErrors,
  missingReferenceErrors,
  unknownRouteTableErrors,
  kindGapDrafts,
} from '../../membership/unresolved-drafts.js';
import { routeControllerTable } from '../../provider/route-controller-table.js';

/** A tagged resource of the cluster, as the per-resource tag checks see it. */
export interface TaggedResource {
  kind: 'instance' | 'subnet' | 'routeTable' | 'securityGroup';
  id: string;
  ref: ResourceRef;
  tags: Tags;
}

type Kind = TaggedResource['kind'];

/**
 * Route tables the cluster uses: those of its subnets (explicit association, else VPC main table), plus, with cloud
 * routes on, the route controller's table: cloud-config `RouteTableID`, else every route table of a cluster VPC that
 * carries the cluster tag (the route controller writes there).
 */
export function routeTablesInUse(input: CheckInput): RouteTable[] {
  const { view, cluster, membership } = input;
  const ids = new Set(membership.routeTables.map((t) => t.routeTableId));
  if (cluster.cloudRoutes) {
    const choice = routeControllerTable(view.routeTables, cluster);
    const tables = choice.via === 'routeTableId' ? (choice.table ? [choice.table] : []) : choice.tagged.filter((t) => membership.vpcIds.includes(t.vpcId));
    for (const t of tables) ids.add(t.routeTableId);
  }
  return view.routeTables.filter((t) => ids.has(t.routeTableId));
}

/** The cluster's resources of the given kinds, in a stable order: instances, subnets, route tables, security groups. */
export function clusterResources(input: CheckInput, kinds: readonly Kind[]): TaggedResource[] {
  const out: TaggedResource[] = [];
  const { membership } = input;
  if (kinds.includes('instance')) {
    for (const i of membership.instances) out.push({ kind: 'instance', id: i.instanceId, tags: i.tags, ref: ec2Ref(input, RESOURCE_TYPES.instance, i.instanceId) });
  }
  if (kinds.includes('subnet')) {
    for (const s of membership.subnets) out.push({ kind: 'subnet', id: s.subnetId, tags: s.tags, ref: ec2Ref(input, RESOURCE_TYPES.subnet, s.subnetId) });
  }
  if (kinds.includes('routeTable')) {
    for (const t of routeTablesInUse(input)) out.push({ kind: 'routeTable', id: t.routeTableId, tags: t.tags, ref: ec2Ref(input, RESOURCE_TYPES.routeTable, t.routeTableId) });
  }
  if (kinds.includes('securityGroup')) {
    for (const g of membership.securityGroups) out.push({ kind: 'securityGroup', id: g.groupId, tags: g.tags, ref: ec2Ref(input, RESOURCE_TYPES.securityGroup, g.groupId) });
  }
  return out;
}

/** "Could not check" drafts for every cluster resource of the given kinds that membership could not resolve. */
export function unresolvedResourceErrors(check: CheckId, input: CheckInput, kinds: readonly Kind[]): FindingDraft[] {
  const { unresolved } = input.membership;
  const drafts: FindingDraft[] = [];
  if (kinds.includes('instance')) drafts.push(...instanceUnitErrors(check, input));
  else drafts.push(...kindGapDrafts(check, input, 'instances', 'the instances'));
  if (kinds.includes('subnet')) drafts.push(...missingReferenceErrors(check, input, RESOURCE_TYPES.subnet, unresolved.subnets));
  if (kinds.includes('routeTable')) drafts.push(...unknownRouteTableErrors(check, input));
  if (kinds.includes('securityGroup')) drafts.push(...missingReferenceErrors(check, input, RESOURCE_TYPES.securityGroup, unresolved.securityGroups));
  return drafts;
}

/** A readable name for a resource kind in details. */
export function kindLabel(kind: Kind): string {
  return { instance: 'instance', subnet: 'subnet', routeTable: 'route table', securityGroup: 'security group' }[kind];
}
