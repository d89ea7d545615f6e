import type { ClusterMembership } from '../membership.js';
import type { Instance } from '../model/account-view.js';

/** Tags kops puts on control-plane instances (kops pkg/model: `k8s.io/role/control-plane`, older `k8s.io/role/master`). */
export const CONTROL_PLANE_TAGS = ['k8s.io/role/control-plane', 'k8s.io/role/master'] as const;

/** Why an instance counts as a control-plane instance. */
export type ControlPlaneReason = 'control-plane role' | `tag ${string}`;

/**
 * Whether a member is a control-plane instance, where the cloud controller (or, in-tree, the kube-controller-manager)
 * runs: its instance profile holds the configured control-plane role, or it carries a kops control-plane tag.
 */
export function controlPlaneReason(instance: Instance, membership: ClusterMembership): ControlPlaneReason | undefined {
  if ((membership.reasons[instance.instanceId] ?? []).some((r) => r.kind === 'role' && r.role === 'controlPlane')) return 'control-plane role';
  const tag = CONTROL_PLANE_TAGS.find((t) => t in instance.tags);
  return tag === undefined ? undefined : `tag ${tag}`;
}

/** The member instances that are control-plane instances, membership order. */
export function controlPlaneInstances(membership: ClusterMembership): Instance[] {
  return membership.instances.filter((i) => controlPlaneReason(i, membership) !== undefined);
}
