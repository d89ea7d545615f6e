import type { Instance, SecurityGroup } from '../model/account-view.js';
import { hasClusterTag } from '../tags/cluster-tag.js';

/** The security group the provider opens for an instance's load balancers (aws.go:2910-2952 findSecurityGroupForInstance). */
export type SecurityGroupChoice =
  | { kind: 'chosen'; groupId: string; groupName: string; why: 'the only cluster-tagged group' | 'its only group (untagged)' }
  | { kind: 'error'; error: string }
  | { kind: 'none'; why: string }
  | { kind: 'unknown'; missing: string[] };

/**
 * The provider's rule: among the instance's groups, those carrying the cluster tag (getTaggedSecurityGroups,
 * aws.go:2955-2977) must be exactly one; with none tagged a single untagged group is tolerated; no group at all is
 * only a warning. Groups missing from the collected data make the answer unknown when they could change it.
 */
export function securityGroupForInstance(instance: Instance, groups: readonly SecurityGroup[], clusterId: string): SecurityGroupChoice {
  const byId = new Map(groups.map((g) => [g.groupId, g]));
  const known = instance.securityGroupIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as SecurityGroup] : []));
  const missing = instance.securityGroupIds.filter((id) => !byId.has(id));
  const tagged = known.filter((g) => hasClusterTag(g.tags, clusterId));
  const untagged = known.filter((g) => !hasClusterTag(g.tags, clusterId));
  if (tagged.length > 1) {
    return { kind: 'error', error: `Multiple tagged security groups found for instance ${instance.instanceId}; ensure only the k8s security group is tagged; the tagged groups were ${tagged.map((g) => `${g.groupId}(${g.groupName}) `).join('')}` };
  }
  if (missing.length > 0 && (tagged.length === 0 || missing.length + tagged.length > 1)) return { kind: 'unknown', missing };
  const [first] = tagged;
  if (first) return { kind: 'chosen', groupId: first.groupId, groupName: first.groupName, why: 'the only cluster-tagged group' };
  if (untagged.length > 1) return { kind: 'error', error: `Multiple untagged security groups found for instance ${instance.instanceId}; ensure the k8s security group is tagged` };
  const [only] = untagged;
  if (only) return { kind: 'chosen', groupId: only.groupId, groupName: only.groupName, why: 'its only group (untagged)' };
  return { kind: 'none', why: `No security group found for instance ${JSON.stringify(instance.instanceId)}: the provider skips it` };
}
