import type { ClusterConfig, RoleKey } from './config/schema.js';
import { computeMembership, type ClusterMembership } from './membership.js';
import type { AccountView, Role } from './model/account-view.js';
import { parseIamArn, sameIamEntity } from './model/iam-arn.js';
import { nodesOwnership } from './nodes-ownership.js';
import { providerClusterId } from './provider/cluster-id.js';
import { mergeRequirements, requirementsFor, type RoleRequirements } from './requirements/requirements-for.js';

/** The config keys of a cluster's roles, in the order they are resolved and reported. */
export const ROLE_KEYS: readonly RoleKey[] = ['controlPlane', 'worker'];

/** A configured role, resolved against the collected IAM data. */
export interface ResolvedRole {
  /** The config keys that name this role (both when one role serves control plane and workers). */
  keys: RoleKey[];
  /** The ARN as configured (of the first key). */
  configuredArn: string;
  /** What the role must / may / is allowed to do (merged over its keys). */
  requirements: RoleRequirements;
  /** The collected role; undefined when it does not exist or could not be collected. */
  role?: Role;
  /** Why the role could not be collected (a CollectionGap); set only when `role` is undefined for that reason. */
  unavailable?: string;
}

/** What evaluate knows about one cluster before any check runs. */
export interface ClusterFacts {
  /**
   * The account of the cluster under the one rule ({@link clusterAccount}); undefined when neither the config nor
   * the collected data names it.
   */
  account: string | undefined;
  /** The view the checks read: the collected one, with a shared node list dropped when it is of another cluster. */
  view: AccountView;
  membership: ClusterMembership;
  /** The configured roles, one entry per IAM role (a role named by both keys appears once). */
  roles: ResolvedRole[];
  /** Notes for the cluster's report entry: node data not used, account or region differences. */
  notes: string[];
}

/** Options of {@link clusterFacts}. */
export interface ClusterFactsOptions {
  /** Whether the run examines resources (the tag or node family is selected): then a cluster without members is noted. */
  examinesResources?: boolean;
}

/**
 * The one rule for the account of a cluster: the configured account, else the collected data's. (A collector that
 * finds data of another account than the config says fails or notes it; the config's id keeps finding ids stable.)
 */
export function clusterAccount(cluster: Pick<ClusterConfig, 'account'>, view: Pick<AccountView, 'account'>): string | undefined {
  return cluster.account ?? view.account;
}

/**
 * The facts of one cluster in one collected view, computed once per cluster and read by every check
 * (docs/architecture.md "evaluate"): the account, the membership, the node list that is this cluster's, and the
 * configured roles resolved against the IAM data. Pure.
 */
export function clusterFacts(collected: AccountView, cluster: ClusterConfig, options: ClusterFactsOptions = {}): ClusterFacts {
  const notes: string[] = [];
  const membership = computeMembership(collected, cluster);
  const view = ownNodes(collected, cluster, membership, notes);
  const account = clusterAccount(cluster, view);
  if (cluster.account !== undefined && view.account !== undefined && view.account !== cluster.account) {
    notes.push(`the collected data is of account ${view.account}, the config says ${cluster.account}`);
  }
  if (view.region !== undefined && view.region !== cluster.region) {
    notes.push(`the collected data is of region ${view.region}, the config says ${cluster.region}`);
  }
  if (options.examinesResources === true && membership.instances.length === 0 && !view.gaps.some((g) => g.kind === 'instances' && g.resourceId === undefined)) {
    notes.push(
      `no instance of cluster ${cluster.name} was found (by the kubernetes.io/cluster/${providerClusterId(cluster)} or KubernetesCluster tag, ` +
        `the configured roles' instance profiles, or autoScalingGroups): the tag and node checks had nothing to examine; check the cluster name`,
    );
  }
  return { account, view, membership, roles: resolveRoles(view, cluster), notes };
}

/**
 * The view with only this cluster's nodes. A shared `kubectl-get-nodes.json` (`view.sharedNodes`) is of one cluster:
 * it is kept when it is this cluster's ({@link nodesOwnership}), else dropped with a note, so the node-object checks
 * do not report another cluster's nodes as misnamed.
 */
function ownNodes(view: AccountView, cluster: ClusterConfig, membership: ClusterMembership, notes: string[]): AccountView {
  const shared = view.sharedNodes;
  if (shared === undefined) return view;
  const { sharedNodes: _hints, nodes, ...rest } = view;
  if (nodes === undefined) return rest;
  const owner = nodesOwnership(view, cluster, membership, nodes, shared);
  if (owner.kind === 'this-cluster') return { ...rest, nodes };
  notes.push(
    `kubectl-get-nodes.json was not used for cluster ${cluster.name} (${owner.why}), so node.provider-id.* and ` +
      `node.name.mismatch did not run for it; save its nodes as kubectl-get-nodes.${cluster.name}.json to check them`,
  );
  return rest;
}

/** The configured roles resolved against the view: one entry per IAM role, keys merged ({@link sameIamEntity}). */
export function resolveRoles(view: AccountView, cluster: ClusterConfig): ResolvedRole[] {
  const roles: ResolvedRole[] = [];
  for (const key of ROLE_KEYS) {
    const arn = cluster.roles[key];
    if (arn === undefined) continue;
    const requirements = requirementsFor(cluster, key);
    const existing = roles.find((r) => sameIamEntity(r.configuredArn, arn));
    if (existing) {
      existing.keys.push(key);
      existing.requirements = mergeRequirements(existing.requirements, requirements);
      continue;
    }
    const role = findRole(view, arn);
    const entry: ResolvedRole = { keys: [key], configuredArn: arn, requirements };
    if (role) entry.role = role;
    else {
      const gap = roleGap(view, arn);
      if (gap !== undefined) entry.unavailable = gap;
    }
    roles.push(entry);
  }
  return roles;
}

/**
 * Finds a configured role: the exact ARN, else the one IAM role that is the same entity (same partition, account and
 * name, whatever the path and case; {@link sameIamEntity}).
 */
export function findRole(view: AccountView, arn: string): Role | undefined {
  const exact = view.roles.find((r) => r.arn === arn);
  if (exact) return exact;
  const same = view.roles.filter((r) => sameIamEntity(r.arn, arn));
  return same.length === 1 ? same[0] : undefined;
}

/** The collection gap that hides a role, if any (the whole `roles` kind, or this role by ARN or name). */
function roleGap(view: AccountView, arn: string): string | undefined {
  const name = (parseIamArn(arn)?.name ?? arn).toLowerCase();
  const gap = view.gaps.find(
    (g) =>
      g.kind === 'roles' &&
      (g.resourceId === undefined || g.resourceId.toLowerCase() === arn.toLowerCase() || g.resourceId.toLowerCase() === name),
  );
  return gap === undefined ? undefined : `${gap.reason} (${gap.source})`;
}
