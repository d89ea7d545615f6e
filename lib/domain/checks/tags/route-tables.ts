import type { CheckEvaluator, CheckInput, CheckMeta } from '../check.js';
import { RESOURCE_TYPES, type FindingDraft } from '../../findings/finding.js';
import type { CollectionGap, RouteTable } from '../../model/account-view.js';
import { providerClusterId } from '../../provider/cluster-id.js';
import { routeControllerTable } from '../../provider/route-controller-table.js';
import { gapText } from '../../membership.js';
import { ec2Ref, regionOf } from '../../membership/resource-refs.js';
import { couldNotCheck, kindGapDrafts } from '../../membership/unresolved-drafts.js';
import { clusterTagKey, clusterTagMatches, hasClusterTag } from '../../tags/cluster-tag.js';
import { createTagsCommand, deleteTagsCommand } from '../../tags/commands.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'tags.route-table.missing', family: 'tags', severity: 'medium', unit: 'vpc',
    title: 'No route table of the cluster VPC carries the cluster tag',
    risk: 'With cloud routes on, the route controller, which searches every route table of the region for the tag (or uses cloud-config RouteTableID), fails ("unable to find route table for AWS cluster") or writes to a table of another VPC.',
    remediation: 'aws ec2 create-tags --resources ROUTE_TABLE --tags Key=kubernetes.io/cluster/CLUSTER,Value=owned',
    reads: ['instances', 'subnets', 'routeTables'] },
  { id: 'tags.route-table.ambiguous', family: 'tags', severity: 'high', unit: 'vpc',
    title: 'Several route tables of the region carry the cluster tag',
    risk: 'With cloud routes on, the route controller, which searches every route table of the region, fails: "found multiple matching AWS route tables".',
    remediation: 'Keep the cluster tag on exactly one route table of the region.',
    reads: ['instances', 'subnets', 'routeTables'] },
] as const satisfies readonly CheckMeta[];

export const MISSING = CHECKS[0].id;
export const AMBIGUOUS = CHECKS[1].id;

/**
 * `tags.route-table.missing` and `tags.route-table.ambiguous`, per cluster VPC, only with cloud routes on. The route
 * controller (aws_routes.go:31-67 `findRouteTable`) lists the route tables of the whole region and needs exactly one
 * carrying the cluster tag: none fails with `unable to find route table for AWS cluster: <name>`, several with
 * `found multiple matching AWS route tables for AWS cluster: <name>`. Every route table of the VPC counts, not only
 * associated ones; tagged tables of other VPCs count towards "several" because the provider does not filter by VPC.
 * With cloud-config `RouteTableID` the lookup is bypassed (aws_routes.go:37-44): only that table's existence and VPC
 * matter, and tags.route-table.ambiguous cannot occur.
 */
export const checkRouteTables: CheckEvaluator = (input) => {
  const { view, membership, cluster } = input;
  if (!cluster.cloudRoutes) return [];
  const drafts: FindingDraft[] = [...kindGapDrafts(MISSING, input, 'instances', 'the instances'), ...kindGapDrafts(AMBIGUOUS, input, 'instances', 'the instances')];
  const tableGap = membership.unresolved.kinds.routeTables;
  const perTableGaps = view.gaps.filter((g) => g.kind === 'routeTables' && g.resourceId !== undefined);
  const clusterId = providerClusterId(cluster);
  const choice = routeControllerTable(view.routeTables, cluster);
  if (choice.via === 'routeTableId') return [...drafts, ...configuredTableDrafts(input, choice.routeTableId, choice.table, tableGap)];
  const taggedInRegion = choice.tagged;

  for (const vpcId of membership.vpcIds) {
    const vpc = ec2Ref(input, RESOURCE_TYPES.vpc, vpcId);
    if (tableGap) {
      const reason = `the route tables could not be collected (${gapText(tableGap)})`;
      drafts.push(couldNotCheck(MISSING, vpc, reason), couldNotCheck(AMBIGUOUS, vpc, reason));
      continue;
    }
    const ofVpc = view.routeTables.filter((t) => t.vpcId === vpcId);
    const tagged = ofVpc.filter((t) => hasClusterTag(t.tags, clusterId));
    const elsewhere = taggedInRegion.filter((t) => t.vpcId !== vpcId);
    const unseen = perTableGaps.map((g) => `${g.resourceId} (${gapText(g)})`);
    const evidence = {
      vpcId,
      routeTables: ofVpc.map((t) => ({ routeTableId: t.routeTableId, main: t.associations.some((a) => a.main), clusterTag: clusterTagMatches(t.tags, clusterId) })),
      ...(elsewhere.length > 0 ? { taggedInOtherVpcs: elsewhere.map((t) => ({ routeTableId: t.routeTableId, vpcId: t.vpcId })) } : {}),
      ...(unseen.length > 0 ? { notCollected: unseen } : {}),
    };

    if (tagged.length === 0) {
      if (unseen.length > 0) drafts.push(couldNotCheck(MISSING, vpc, `no collected route table of ${vpcId} carries the cluster tag, and these could not be read: ${unseen.join('; ')}`, evidence));
      else drafts.push(missing(input, vpcId, ofVpc, elsewhere, evidence));
    }

    if (tagged.length + elsewhere.length > 1) drafts.push(ambiguous(input, vpcId, tagged, elsewhere, evidence));
    else if (unseen.length > 0) drafts.push(couldNotCheck(AMBIGUOUS, vpc, `route tables that could carry the cluster tag could not be read: ${unseen.join('; ')}`, evidence));
  }
  return drafts;
};

function missing(input: CheckInput, vpcId: string, ofVpc: RouteTable[], elsewhere: RouteTable[], evidence: Record<string, unknown>): FindingDraft {
  const { cluster, membership } = input;
  const clusterId = providerClusterId(cluster);
  const key = clusterTagKey(clusterId);
  const used = new Set(Object.values(membership.subnetRouteTables).map((l) => l.routeTableId));
  const suggested = ofVpc.find((t) => used.has(t.routeTableId) && t.associations.some((a) => a.main)) ?? ofVpc.find((t) => used.has(t.routeTableId)) ?? ofVpc[0];
  const other =
    elsewhere.length > 0
      ? ` The provider would instead use ${elsewhere.map((t) => `${t.routeTableId} (${t.vpcId})`).join(', ')}, a table of another VPC, where routes to this VPC's instances cannot work.`
      : ` Cloud routes fail with "unable to find route table for AWS cluster: ${cluster.name}": pod CIDR routes are never created.`;
  return {
    check: MISSING,
    resource: ec2Ref(input, RESOURCE_TYPES.vpc, vpcId),
    detail: `No route table of ${vpcId} (${ofVpc.length} in the VPC) carries ${key} or KubernetesCluster=${clusterId}, and cloud routes are on (the route controller searches every route table of the region for the tag).${other}`,
    evidence,
    remediation: suggested
      ? `${createTagsCommand([suggested.routeTableId], key, 'shared', regionOf(input))}  # the route table the cluster subnets use`
      : `No route table of ${vpcId} was collected: create one for the cluster subnets and tag it ${key}=shared.`,
  };
}

function ambiguous(input: CheckInput, vpcId: string, tagged: RouteTable[], elsewhere: RouteTable[], evidence: Record<string, unknown>): FindingDraft {
  const { cluster, membership } = input;
  const all = [...tagged, ...elsewhere];
  const used = new Set(Object.values(membership.subnetRouteTables).map((l) => l.routeTableId));
  const keep = tagged.find((t) => used.has(t.routeTableId)) ?? tagged[0] ?? (all[0] as RouteTable);
  const region = regionOf(input);
  const removals = all
    .filter((t) => t.routeTableId !== keep.routeTableId)
    .map((t) => deleteTagsCommand([t.routeTableId], clusterTagMatches(t.tags, providerClusterId(cluster)).map((m) => m.key), region));
  const where = elsewhere.length > 0 ? ` (${elsewhere.map((t) => `${t.routeTableId} in ${t.vpcId}`).join(', ')} outside ${vpcId}: the provider searches every route table of the region)` : '';
  return {
    check: AMBIGUOUS,
    resource: ec2Ref(input, RESOURCE_TYPES.vpc, vpcId),
    detail:
      `${all.length} route tables carry the cluster tag: ${all.map((t) => t.routeTableId).join(', ')}${where}. ` +
      `Cloud routes fail with "found multiple matching AWS route tables for AWS cluster: ${cluster.name}".`,
    evidence,
    remediation: `Keep the tag on ${keep.routeTableId} only: ${removals.join(' && ')}`,
  };
}

/** With cloud-config `RouteTableID`: the configured table must exist, in the cluster's VPC. */
function configuredTableDrafts(input: CheckInput, routeTableId: string, table: RouteTable | undefined, tableGap: CollectionGap | undefined): FindingDraft[] {
  const { membership, cluster } = input;
  const drafts: FindingDraft[] = [];
  const evidence = { routeTableId, via: 'cloud-config RouteTableID', ...(table ? { vpcId: table.vpcId } : {}) };
  for (const vpcId of membership.vpcIds) {
    const vpc = ec2Ref(input, RESOURCE_TYPES.vpc, vpcId);
    if (table?.vpcId === vpcId) continue;
    if (!table && (tableGap || input.view.gaps.some((g) => g.kind === 'routeTables' && g.resourceId === routeTableId))) {
      drafts.push(couldNotCheck(MISSING, vpc, `the configured RouteTableID ${routeTableId} could not be looked up (route tables were not fully collected)`, evidence));
      continue;
    }
    drafts.push({
      check: MISSING,
      resource: vpc,
      detail: table
        ? `cloud-config RouteTableID is ${routeTableId}, a route table of ${table.vpcId}, not of ${vpcId}: the route controller writes the pod CIDR routes of ${vpcId}'s instances there, where they cannot work.`
        : `cloud-config RouteTableID is ${routeTableId}, and no such route table exists in ${regionOf(input)}: cloud routes fail with "unable to find route table for AWS cluster: ${cluster.name}".`,
      evidence,
      remediation: `Set RouteTableID (cloudConfig.routeTableId) to the route table of ${vpcId} the cluster subnets use${membershipTable(membership, vpcId)}.`,
    });
  }
  return drafts;
}

function membershipTable(membership: CheckInput['membership'], vpcId: string): string {
  const ids = [...new Set(membership.routeTables.filter((t) => t.vpcId === vpcId).map((t) => t.routeTableId))];
  return ids.length > 0 ? ` (${ids.join(', ')})` : '';
}

/** This module's evaluate function (the registry runs it). */
export const evaluate: CheckEvaluator = checkRouteTables;
