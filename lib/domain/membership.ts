import type { ClusterConfig, RoleKey } from './config/schema.js';
import type {
  AccountView,
  CollectionGap,
  Instance,
  ResourceKind,
  RouteTable,
  SecurityGroup,
  Subnet,
} from './model/account-view.js';
import { clusterTagMatches, isTaggedForAnotherCluster } from './tags/cluster-tag.js';
import { resolveInstanceProfile } from './membership/instance-profiles.js';
import { sameIamEntity } from './model/iam-arn.js';
import { subnetRouteTable } from './provider/subnet-route-table.js';
import { providerClusterId } from './provider/cluster-id.js';

/** Instance states that take an instance out of every check (it is gone or going). */
export const GONE_INSTANCE_STATES: readonly string[] = ['terminated', 'shutting-down'];

/** Tag EC2 Auto Scaling puts on every instance it launches. */
export const ASG_NAME_TAG = 'aws:autoscaling:groupName';

/** Why an instance belongs to the cluster (docs/domain.md "Cluster membership"). */
export type MembershipReason =
  | { kind: 'tag'; key: string; value: string }
  | { kind: 'role'; role: RoleKey; roleArn: string; instanceProfileArn: string }
  | { kind: 'autoScalingGroup'; name: string };

/** How a subnet gets its route table: explicit association, else the VPC main table. */
export interface RouteTableLink {
  routeTableId: string;
  via: 'explicit' | 'main';
}

/** Something a member refers to that is not in the view; checks emit `status: error` for it, never a pass. */
export interface MissingReference {
  /**
   * The unit that could not be resolved: a subnet id, security group id or instance profile ARN; for route tables the
   * id of the subnet whose table is unknown; for undecided instances the instance id.
   */
  id: string;
  /** Member instances that refer to it. */
  instanceIds: string[];
  /** VPC of the referring instances, when known. */
  vpcId?: string;
  /** Human-readable reason, taken from the collection gap when there is one. */
  reason: string;
}

/** Everything membership could not resolve. */
export interface UnresolvedMembership {
  /** Whole kinds the collector could not see (view.gaps without a resourceId), first gap per kind. */
  kinds: Partial<Record<ResourceKind, CollectionGap>>;
  /** Instances named by a per-resource `instances` gap: whether they are members is unknown. */
  instances: MissingReference[];
  subnets: MissingReference[];
  securityGroups: MissingReference[];
  /** Subnets (id) whose route table could not be determined. */
  routeTables: MissingReference[];
  /** Instance profiles of members that do not resolve to roles. */
  instanceProfiles: MissingReference[];
  /**
   * Instances carrying no cluster tag whose role could not be read: they may be members through a cluster role.
   * Instances tagged for another cluster are never listed here.
   */
  undecidedInstances: MissingReference[];
}

/** The resources of one cluster in one account view. */
export interface ClusterMembership {
  cluster: string;
  /** Member instances, view order; never terminated or shutting-down. */
  instances: Instance[];
  /** Why each member is one, keyed by instance id (at least one reason per member). */
  reasons: Record<string, MembershipReason[]>;
  /** Subnets of member instances that are in the view. */
  subnets: Subnet[];
  /** Route tables of those subnets (explicit association, else VPC main table) that are in the view. */
  routeTables: RouteTable[];
  /** Security groups attached to members that are in the view. */
  securityGroups: SecurityGroup[];
  /** VPCs of member instances (instance VpcId, else its subnet's). */
  vpcIds: string[];
  /** Route table of each member subnet id (also for subnets missing from the view when the table is known). */
  subnetRouteTables: Record<string, RouteTableLink>;
  unresolved: UnresolvedMembership;
}

/** True for instances that count at all: not terminated and not shutting down. */
export function isLiveInstance(instance: Instance): boolean {
  return !GONE_INSTANCE_STATES.includes(instance.state);
}

/**
 * Computes which resources of `view` belong to `cluster`.
 *
 * An instance (not terminated, not shutting down) is a member when it carries the cluster tag (either form), when its
 * instance profile's role is a configured cluster role (ARNs compared by account and name, so a role path does not
 * matter), or when its `aws:autoscaling:groupName` tag names a configured Auto Scaling group. Subnets, route tables,
 * security groups and VPCs follow from the members. Anything a member refers to that the view lacks is recorded in
 * `unresolved` so checks report "could not check" for exactly those units.
 */
export function computeMembership(view: AccountView, cluster: ClusterConfig): ClusterMembership {
  const kinds = wholeKindGaps(view.gaps);
  const roles = configuredRoles(cluster);
  const asgs = new Set(cluster.autoScalingGroups ?? []);
  const clusterId = providerClusterId(cluster);

  const instances: Instance[] = [];
  const reasons: Record<string, MembershipReason[]> = {};
  const instanceProfiles = new Refs();
  const undecided: MissingReference[] = [];

  for (const instance of view.instances) {
    if (!isLiveInstance(instance) || reasons[instance.instanceId]) continue;
    const found: MembershipReason[] = clusterTagMatches(instance.tags, clusterId).map((m) => ({ kind: 'tag', key: m.key, value: m.value }));
    const asg = instance.tags[ASG_NAME_TAG];
    if (asg !== undefined && asgs.has(asg)) found.push({ kind: 'autoScalingGroup', name: asg });

    let profileUnresolved: string | undefined;
    let roleUnreadable = false;
    if (instance.instanceProfileArn) {
      const profile = resolveInstanceProfile(view, instance.instanceProfileArn);
      if (profile.found) {
        for (const roleArn of profile.roleArns) {
          const role = roles.find((r) => sameIamEntity(r.arn, roleArn));
          if (role) found.push({ kind: 'role', role: role.key, roleArn, instanceProfileArn: instance.instanceProfileArn });
        }
      } else {
        profileUnresolved = profileReason(view, instance.instanceProfileArn);
        const arn = instance.instanceProfileArn;
        roleUnreadable = view.gaps.some((g) => g.kind === 'roles' && (g.resourceId === undefined || g.resourceId === arn));
      }
    }

    if (found.length > 0) {
      instances.push(instance);
      reasons[instance.instanceId] = found;
      if (profileUnresolved && instance.instanceProfileArn) {
        instanceProfiles.add(instance.instanceProfileArn, instance, profileUnresolved);
      }
    } else if (profileUnresolved && roleUnreadable && !isTaggedForAnotherCluster(instance.tags, clusterId)) {
      undecided.push({
        id: instance.instanceId,
        instanceIds: [instance.instanceId],
        ...(instance.vpcId ? { vpcId: instance.vpcId } : {}),
        reason: `the role of instance profile ${instance.instanceProfileArn} could not be read (${profileUnresolved}), so it is unknown whether the instance runs with a cluster role`,
      });
    }
  }

  const subnetById = new Map(view.subnets.map((s) => [s.subnetId, s]));
  const sgById = new Map(view.securityGroups.map((g) => [g.groupId, g]));
  const subnetIds = new Set<string>();
  const sgIds = new Set<string>();
  const vpcIds: string[] = [];
  const missingSubnets = new Refs();
  const missingSgs = new Refs();

  for (const instance of instances) {
    const subnet = instance.subnetId ? subnetById.get(instance.subnetId) : undefined;
    if (instance.subnetId) {
      subnetIds.add(instance.subnetId);
      if (!subnet) missingSubnets.add(instance.subnetId, instance, missingReason(view, 'subnets', instance.subnetId, 'ec2 describe-subnets'));
    }
    const vpcId = instance.vpcId ?? subnet?.vpcId;
    if (vpcId && !vpcIds.includes(vpcId)) vpcIds.push(vpcId);
    for (const groupId of instance.securityGroupIds) {
      sgIds.add(groupId);
      if (!sgById.has(groupId)) missingSgs.add(groupId, instance, missingReason(view, 'securityGroups', groupId, 'ec2 describe-security-groups'));
    }
  }

  const { links, missing: missingRouteTables } = linkRouteTables(view, instances, subnetById, kinds.routeTables);
  const routeTableIds = new Set(Object.values(links).map((l) => l.routeTableId));

  return {
    cluster: cluster.name,
    instances,
    reasons,
    subnets: view.subnets.filter((s) => subnetIds.has(s.subnetId)),
    routeTables: view.routeTables.filter((t) => routeTableIds.has(t.routeTableId)),
    securityGroups: view.securityGroups.filter((g) => sgIds.has(g.groupId)),
    vpcIds,
    subnetRouteTables: links,
    unresolved: {
      kinds,
      instances: view.gaps
        .filter((g) => g.kind === 'instances' && g.resourceId !== undefined)
        .map((g) => ({ id: g.resourceId as string, instanceIds: [g.resourceId as string], reason: gapText(g) })),
      subnets: missingSubnets.list(),
      securityGroups: missingSgs.list(),
      routeTables: missingRouteTables,
      instanceProfiles: instanceProfiles.list(),
      undecidedInstances: undecided,
    },
  };
}

/** The configured roles with their key. */
function configuredRoles(cluster: ClusterConfig): { key: RoleKey; arn: string }[] {
  const out: { key: RoleKey; arn: string }[] = [];
  if (cluster.roles.controlPlane) out.push({ key: 'controlPlane', arn: cluster.roles.controlPlane });
  if (cluster.roles.worker) out.push({ key: 'worker', arn: cluster.roles.worker });
  return out;
}

function wholeKindGaps(gaps: readonly CollectionGap[]): Partial<Record<ResourceKind, CollectionGap>> {
  const kinds: Partial<Record<ResourceKind, CollectionGap>> = {};
  for (const gap of gaps) if (gap.resourceId === undefined && !kinds[gap.kind]) kinds[gap.kind] = gap;
  return kinds;
}

/** `source: reason`, the way every "could not check" detail quotes a gap. */
export function gapText(gap: CollectionGap): string {
  return `${gap.source}: ${gap.reason}`;
}

/** Why a referenced resource is missing: its own gap, the gap of its whole kind, or plain absence. */
function missingReason(view: AccountView, kind: ResourceKind, id: string, source: string): string {
  const gap = view.gaps.find((g) => g.kind === kind && g.resourceId === id) ?? view.gaps.find((g) => g.kind === kind && g.resourceId === undefined);
  return gap ? gapText(gap) : `${id} is not in the collected data (${source})`;
}

function profileReason(view: AccountView, profileArn: string): string {
  const gap = view.gaps.find((g) => g.kind === 'roles' && (g.resourceId === undefined || g.resourceId === profileArn));
  if (gap) return gapText(gap);
  return `instance profile ${profileArn} is not in the collected IAM data (GetAccountAuthorizationDetails lists a profile only through its role: a profile without a role, or one created after collection, does not appear)`;
}

function linkRouteTables(
  view: AccountView,
  instances: readonly Instance[],
  subnetById: ReadonlyMap<string, Subnet>,
  routeTablesGap: CollectionGap | undefined,
): { links: Record<string, RouteTableLink>; missing: MissingReference[] } {
  const links: Record<string, RouteTableLink> = {};
  const missing = new Refs();
  for (const instance of instances) {
    const subnetId = instance.subnetId;
    if (!subnetId) continue;
    const vpcId = subnetById.get(subnetId)?.vpcId ?? instance.vpcId;
    if (links[subnetId]) continue;
    if (routeTablesGap) {
      missing.add(subnetId, instance, gapText(routeTablesGap), vpcId);
      continue;
    }
    // The one route-table rule (lib/domain/provider/subnet-route-table.ts): explicit association, else the VPC's main table.
    const found = vpcId === undefined ? undefined : subnetRouteTable(view.routeTables, { subnetId, vpcId });
    if (found) {
      links[subnetId] = { routeTableId: found.table.routeTableId, via: found.via };
      continue;
    }
    missing.add(
      subnetId,
      instance,
      vpcId
        ? `no route table in the collected data is associated with ${subnetId}, and the main route table of ${vpcId} is not in it either (ec2 describe-route-tables)`
        : `the VPC of ${subnetId} is unknown, so its main route table cannot be found`,
      vpcId,
    );
  }
  return { links, missing: missing.list() };
}

/** Accumulates missing references by id, remembering which instances refer to each. */
class Refs {
  private readonly byId = new Map<string, MissingReference>();

  add(id: string, instance: Instance, reason: string, vpcId = instance.vpcId): void {
    const ref = this.byId.get(id);
    if (ref) {
      if (!ref.instanceIds.includes(instance.instanceId)) ref.instanceIds.push(instance.instanceId);
      return;
    }
    this.byId.set(id, { id, instanceIds: [instance.instanceId], ...(vpcId ? { vpcId } : {}), reason });
  }

  list(): MissingReference[] {
    return [...this.byId.values()];
  }
}
