import type { ClusterConfig } from './config/schema.js';
import type { AccountView, KubeNode, SharedNodesHints } from './model/account-view.js';
import type { ClusterMembership } from './membership.js';
import { nodeInstance } from './checks/nodes/node-instance.js';

/** How many of `nodes` map (by name, then providerID) to a member instance of `cluster` (its `membership`). */
export function countNodesOfCluster(view: AccountView, cluster: ClusterConfig, membership: ClusterMembership, nodes: readonly KubeNode[]): number {
  const members = new Set(membership.instances.map((i) => i.instanceId));
  const input = { view: { ...view, nodes: [...nodes] }, cluster, membership };
  return nodes.filter((node) => {
    const instance = nodeInstance(input, node);
    return instance !== undefined && members.has(instance.instanceId);
  }).length;
}

/** Which cluster a shared `kubectl-get-nodes.json` belongs to, as far as it can be told. */
export type NodesOwnership =
  | { kind: 'this-cluster'; why: string }
  | { kind: 'other'; why: string };

/**
 * Decides whether the snapshot's single node list belongs to `cluster`. A `kubectl get nodes` output is always of one
 * cluster; checking it against another cluster would report every node as misnamed. In order: meta.json's
 * `nodesCluster` names it; a config of one cluster owns it; otherwise it belongs to the cluster that at least half of
 * the nodes map to.
 */
export function nodesOwnership(
  view: AccountView,
  cluster: ClusterConfig,
  membership: ClusterMembership,
  nodes: readonly KubeNode[],
  hints: SharedNodesHints,
): NodesOwnership {
  if (hints.nodesCluster !== undefined) {
    return hints.nodesCluster === cluster.name
      ? { kind: 'this-cluster', why: 'meta.json names it in nodesCluster' }
      : { kind: 'other', why: `meta.json says it is of cluster ${hints.nodesCluster}` };
  }
  if (hints.configuredClusters?.length === 1) return { kind: 'this-cluster', why: 'it is the only configured cluster' };
  const matched = countNodesOfCluster(view, cluster, membership, nodes);
  const share = `${matched} of ${nodes.length} node(s) map to its instances`;
  return nodes.length > 0 && matched * 2 >= nodes.length ? { kind: 'this-cluster', why: share } : { kind: 'other', why: `only ${share}` };
}
