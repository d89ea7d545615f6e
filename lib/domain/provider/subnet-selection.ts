import type { AvailabilityZone, RouteTable, Subnet, Tags } from '../model/account-view.js';
import { hasClusterTag, hasNoClusterPrefixTag, LEGACY_CLUSTER_TAG, prefixedClusterIds } from '../tags/cluster-tag.js';
import { ELB_ROLE_TAG, INTERNAL_ELB_ROLE_TAG } from '../tags/elb-role.js';
import { internetGatewayRoute, subnetRouteTable } from './subnet-route-table.js';
import { providerUsesZone, zoneTypeOf, type ZoneTypeFact } from './zone-types.js';

/**
 * The provider's subnet choice for Service load balancers, per VPC, availability zone and load-balancer type, as
 * cloud-provider-aws 63ec440c pkg/providers/v1/aws.go findSubnets (1651-1685) and findELBSubnets (1690-1795) make it.
 * Pure. docs/provider-rules.md "Load-balancer subnets" walks through it with the source lines.
 */

/** The two load-balancer types, as the `service.beta.kubernetes.io/aws-load-balancer-internal` annotation selects them (aws.go:2453-2460). */
export const LB_TYPES = ['internet-facing', 'internal'] as const;
export type LbType = (typeof LB_TYPES)[number];

/** The role tag that breaks ties for a type (aws.go:1730-1735). Only the key's presence counts (findTag). */
export function roleTagFor(type: LbType): string {
  return type === 'internal' ? INTERNAL_ELB_ROLE_TAG : ELB_ROLE_TAG;
}

/** What the provider sees of one subnet of the VPC. */
export interface SubnetFacts {
  subnetId: string;
  availabilityZone: string;
  /** Whether findSubnets keeps it (aws.go:1662-1668): tagged for this cluster, or no `kubernetes.io/cluster/` key. */
  candidate: boolean;
  /** Why it is not a candidate: the clusters whose `kubernetes.io/cluster/<id>` keys it carries. */
  taggedForOtherClusters?: string[];
  /** Carries `kubernetes.io/cluster/<id>` or `KubernetesCluster=<id>` for this cluster (hasClusterTag, tags.go:137-155). */
  clusterTagged: boolean;
  /** Only the legacy `KubernetesCluster` key, naming another cluster: still a candidate (tags.go:188-195 ignores it). */
  legacyOtherCluster?: string;
  roleTags: { elb: boolean; internalElb: boolean };
  /** isSubnetPublic (aws.go:1879-1920); undefined when the subnet's route table is not known. */
  public?: boolean;
  routeTableId?: string;
  routeTableVia?: 'explicit' | 'main';
  /** The `igw-` route target that makes it public. */
  internetGateway?: string;
  zone: ZoneTypeFact;
  outpostArn?: string;
}

/** How the winner of an AZ was decided (aws.go:1723-1769, in this order). */
export type Decision = 'only-candidate' | 'role-tag' | 'cluster-tag' | 'lowest-id';

/** The choice in one AZ for one load-balancer type. */
export interface AzChoice {
  availabilityZone: string;
  lbType: LbType;
  /** The subnets competing in this AZ for this type, in the provider's preference order (winner first). */
  competing: string[];
  /** The subnet the provider takes in this AZ. */
  chosen: string;
  decidedBy: Decision;
  /** For `lowest-id`: the subnets tied on role tag and cluster tag. */
  tied?: string[];
  /** The AZ is dropped afterwards because its zone is not a regular availability zone (aws.go:1781-1789). */
  droppedZone?: ZoneTypeFact;
}

/** The outcome for one load-balancer type in one VPC. */
export interface TypeSelection {
  lbType: LbType;
  azs: AzChoice[];
  /** The subnet ids the load balancer gets, in AZ order; empty -> "could not find any suitable subnets for creating the ELB". */
  subnetIds: string[];
  /** Private candidates the public filter dropped (internet-facing only, aws.go:1718-1721). */
  droppedPrivate: string[];
}

/** The provider's selection in one VPC. */
export interface VpcSubnetSelection {
  vpcId: string;
  clusterId: string;
  /** Every subnet of the VPC with what the provider sees of it, by subnet id. */
  subnets: SubnetFacts[];
  /**
   * No subnet of the VPC is a candidate: the provider falls back to the subnet of the instance it runs on
   * (aws.go:1673-1684), one of `fallbackSubnets`.
   */
  fallback: boolean;
  /** The subnets the fallback may use: those of the control-plane instances in this VPC. */
  fallbackSubnets: string[];
  /**
   * Subnets whose route table is unknown. isSubnetPublic then errors and findELBSubnets fails for both types
   * (aws.go:1714-1717); the selections below leave them out and must not be trusted as complete.
   */
  unknownRouteTable: string[];
  byType: Record<LbType, TypeSelection>;
}

export interface SubnetSelectionInput {
  vpcId: string;
  /** The subnets of the region (only the VPC's are read, as DescribeSubnets with `vpc-id`). */
  subnets: readonly Subnet[];
  /** Route tables (only the VPC's are read, aws.go:1697-1702). */
  routeTables: readonly RouteTable[];
  /** The provider's cluster id (lib/domain/provider/cluster-id.ts). */
  clusterId: string;
  /** DescribeAvailabilityZones, when collected. */
  availabilityZones?: readonly AvailabilityZone[];
  /** Subnet ids of the control-plane instances in the VPC: where the controller may run (fallback). */
  controllerSubnetIds: readonly string[];
}

/** What the provider sees of one subnet. */
export function subnetFacts(subnet: Subnet, routeTables: readonly RouteTable[], clusterId: string, zones?: readonly AvailabilityZone[]): SubnetFacts {
  const clusterTagged = hasClusterTag(subnet.tags, clusterId);
  const candidate = clusterTagged || hasNoClusterPrefixTag(subnet.tags);
  const link = subnetRouteTable(routeTables, subnet);
  const gateway = link ? internetGatewayRoute(link.table) : undefined;
  const legacy = legacyOther(subnet.tags, clusterId);
  return {
    subnetId: subnet.subnetId,
    availabilityZone: subnet.availabilityZone,
    candidate,
    ...(candidate ? {} : { taggedForOtherClusters: prefixedClusterIds(subnet.tags) }),
    clusterTagged,
    ...(legacy !== undefined && candidate && !clusterTagged ? { legacyOtherCluster: legacy } : {}),
    roleTags: { elb: ELB_ROLE_TAG in subnet.tags, internalElb: INTERNAL_ELB_ROLE_TAG in subnet.tags },
    ...(link ? { public: gateway !== undefined, routeTableId: link.table.routeTableId, routeTableVia: link.via } : {}),
    ...(gateway !== undefined ? { internetGateway: gateway } : {}),
    zone: zoneTypeOf(subnet.availabilityZone, zones),
    ...(subnet.outpostArn !== undefined ? { outpostArn: subnet.outpostArn } : {}),
  };
}

/** The provider's choice of load-balancer subnets in one VPC, for both load-balancer types. */
export function selectElbSubnets(input: SubnetSelectionInput): VpcSubnetSelection {
  const ofVpc = input.subnets.filter((s) => s.vpcId === input.vpcId);
  const facts = ofVpc.map((s) => subnetFacts(s, input.routeTables, input.clusterId, input.availabilityZones));
  const candidates = facts.filter((f) => f.candidate);
  const fallback = candidates.length === 0;
  // aws.go:1673-1684: nothing matched -> DescribeSubnets by the controller instance's own subnet id, whatever its tags.
  const fallbackSubnets = [...new Set(input.controllerSubnetIds)].filter((id) => facts.some((f) => f.subnetId === id)).sort();
  const pool = fallback ? facts.filter((f) => fallbackSubnets.includes(f.subnetId)) : candidates;
  // aws.go:1709-1713: subnets without an AZ or id are ignored.
  const usable = pool.filter((f) => f.availabilityZone !== '' && f.subnetId !== '');
  const unknownRouteTable = usable.filter((f) => f.public === undefined).map((f) => f.subnetId);
  const known = usable.filter((f) => f.public !== undefined);
  return {
    vpcId: input.vpcId,
    clusterId: input.clusterId,
    subnets: facts,
    fallback,
    fallbackSubnets,
    unknownRouteTable,
    byType: {
      'internet-facing': selectForType('internet-facing', known),
      internal: selectForType('internal', known),
    },
  };
}

function selectForType(lbType: LbType, pool: readonly SubnetFacts[]): TypeSelection {
  const tag = lbType === 'internal' ? 'internalElb' : 'elb';
  // aws.go:1718-1721: an internet-facing load balancer skips private subnets.
  const droppedPrivate = lbType === 'internet-facing' ? pool.filter((f) => f.public === false).map((f) => f.subnetId) : [];
  const competing = lbType === 'internet-facing' ? pool.filter((f) => f.public === true) : [...pool];
  const byAz = new Map<string, SubnetFacts[]>();
  for (const f of competing) byAz.set(f.availabilityZone, [...(byAz.get(f.availabilityZone) ?? []), f]);
  const azs: AzChoice[] = [];
  // aws.go:1768-1773: AZ names sorted; the pairwise tie-break (1723-1769) is a lexicographic order, so sorting by it
  // gives the same winner whatever order DescribeSubnets returned.
  for (const az of [...byAz.keys()].sort()) {
    const inAz = [...(byAz.get(az) ?? [])].sort(
      (a, b) => Number(b.roleTags[tag]) - Number(a.roleTags[tag]) || Number(b.clusterTagged) - Number(a.clusterTagged) || compareIds(a.subnetId, b.subnetId),
    );
    const [winner, runnerUp] = inAz as [SubnetFacts, SubnetFacts | undefined];
    let decidedBy: Decision = 'only-candidate';
    let tied: string[] | undefined;
    if (runnerUp !== undefined) {
      if (winner.roleTags[tag] !== runnerUp.roleTags[tag]) decidedBy = 'role-tag';
      else if (winner.clusterTagged !== runnerUp.clusterTagged) decidedBy = 'cluster-tag';
      else {
        decidedBy = 'lowest-id';
        tied = inAz.filter((f) => f.roleTags[tag] === winner.roleTags[tag] && f.clusterTagged === winner.clusterTagged).map((f) => f.subnetId);
      }
    }
    azs.push({
      availabilityZone: az,
      lbType,
      competing: inAz.map((f) => f.subnetId),
      chosen: winner.subnetId,
      decidedBy,
      ...(tied ? { tied } : {}),
      ...(providerUsesZone(winner.zone) ? {} : { droppedZone: winner.zone }),
    });
  }
  return { lbType, azs, subnetIds: azs.filter((a) => a.droppedZone === undefined).map((a) => a.chosen), droppedPrivate };
}

/** Go's strings.Compare on subnet ids (byte order, aws.go:1758). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The other cluster a subnet's legacy `KubernetesCluster` key names, when it names one. */
function legacyOther(tags: Tags, clusterId: string): string | undefined {
  const legacy = tags[LEGACY_CLUSTER_TAG];
  return legacy !== undefined && legacy !== '' && legacy !== clusterId ? legacy : undefined;
}

/** A readable reason for a decision, for details and the explain view. */
export function describeDecision(choice: AzChoice): string {
  const tag = roleTagFor(choice.lbType);
  switch (choice.decidedBy) {
    case 'only-candidate':
      return 'the only candidate';
    case 'role-tag':
      return `the only one with ${tag}`;
    case 'cluster-tag':
      return `no ${tag} decides; the only one with the cluster tag`;
    case 'lowest-id':
      return `tie on ${tag} and the cluster tag among ${(choice.tied ?? []).join(', ')}: lowest subnet id`;
  }
}
