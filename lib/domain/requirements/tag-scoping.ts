/**
 * Which cloud-provider actions a tag-scoped policy conditions on the cluster tag, as kops classifies them
 * (kubernetes/kops pkg/model/iam/iam_builder.go, master 2026-08). kops writes the only widely used tag-scoped
 * policy for the AWS cloud provider; the other presets reuse its classification with their own tag key.
 */
import { ROUTE_CONTROLLER_ACTIONS, uniqueActions } from './actions.js';

/** kops `AddCCMPermissions`: clusterTaggedAction (aws:ResourceTag), without the cloud-routes pair. */
export const KOPS_CCM_CLUSTER_TAGGED = [
  'ec2:ModifyInstanceAttribute',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:DeleteSecurityGroup',
  'ec2:RevokeSecurityGroupIngress',
  'elasticloadbalancing:AttachLoadBalancerToSubnets',
  'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer',
  'elasticloadbalancing:CreateLoadBalancerListeners',
  'elasticloadbalancing:CreateLoadBalancerPolicy',
  'elasticloadbalancing:ConfigureHealthCheck',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:DeleteLoadBalancerListeners',
  'elasticloadbalancing:DetachLoadBalancerFromSubnets',
  'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
  'elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:DeleteTargetGroup',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:ModifyTargetGroup',
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:DeregisterTargets',
  'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
] as const;

/** kops `AddCCMPermissions`: clusterTaggedCreateAction and AddEC2CreateAction(CreateSecurityGroup) (aws:RequestTag). */
export const KOPS_CCM_CLUSTER_TAGGED_CREATE = [
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:CreateListener',
  'elasticloadbalancing:CreateTargetGroup',
  'ec2:CreateSecurityGroup',
] as const;

/** kops `AddCCMPermissions` mutations, including the cloud-routes pair (also cluster-tagged). */
const KOPS_CCM_MUTATING = [...KOPS_CCM_CLUSTER_TAGGED, ...ROUTE_CONTROLLER_ACTIONS] as const;

/** The create actions, plus ec2:CreateTags conditioned on the request tag (tag-on-create of security groups). */
const KOPS_CCM_CREATE = [...KOPS_CCM_CLUSTER_TAGGED_CREATE, 'ec2:CreateTags'] as const;

/** kops `AddAWSEBSCSIDriverPermissions`: volume mutations on tagged volumes, CreateVolume with tag-on-create. */
const KOPS_VOLUME_MUTATING = ['ec2:ModifyVolume', 'ec2:AttachVolume', 'ec2:DeleteVolume', 'ec2:DetachVolume'] as const;
const KOPS_VOLUME_CREATE = ['ec2:CreateVolume'] as const;

/**
 * kops `AddAWSLoadbalancerControllerPermissions` (SetSecurityGroups, ModifyTargetGroupAttributes) and
 * `AddEC2CreateAction` (DeleteTags on tagged resources): the remaining mutations the CCM presets list.
 */
const KOPS_OTHER_MUTATING = [
  'elasticloadbalancing:SetSecurityGroups',
  'elasticloadbalancing:ModifyTargetGroupAttributes',
  'ec2:DeleteTags',
] as const;

/**
 * kops `AddLegacyCCMPermissions`: what kops grants WITHOUT conditions when the in-tree provider runs (no external
 * CCM), because the legacy code mutates resources before they carry the tag (e.g. creates a security group, then
 * tags it in a second call).
 */
export const KOPS_LEGACY_UNCONDITIONAL = [
  'ec2:CreateSecurityGroup',
  'ec2:CreateTags',
  'elasticloadbalancing:CreateTargetGroup',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:CreateListener',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:ModifyListener',
  'ec2:DescribeVolumes',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyVolume',
  'ec2:AttachVolume',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:DeleteRoute',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteVolume',
  'ec2:DetachVolume',
] as const;

/** Every action kops conditions on `aws:ResourceTag/<cluster tag>`. */
export const TAG_SCOPED_MUTATING: readonly string[] = uniqueActions([...KOPS_CCM_MUTATING, ...KOPS_VOLUME_MUTATING, ...KOPS_OTHER_MUTATING]);
/** Every action kops conditions on `aws:RequestTag/<cluster tag>`. */
export const TAG_SCOPED_CREATE: readonly string[] = uniqueActions([...KOPS_CCM_CREATE, ...KOPS_VOLUME_CREATE]);

/**
 * Splits a preset's actions into the mutating / create lists of its tag scoping. Actions in `unconditional` stay
 * without conditions; actions kops does not classify stay unconditional too (Describe*, iam:CreateServiceLinkedRole).
 */
export function classifyForTagScoping(
  actions: readonly string[],
  unconditional: readonly string[] = [],
): { mutating: string[]; create: string[] } {
  const skip = new Set(unconditional.map((a) => a.toLowerCase()));
  const mutating = new Set(TAG_SCOPED_MUTATING.map((a) => a.toLowerCase()));
  const create = new Set(TAG_SCOPED_CREATE.map((a) => a.toLowerCase()));
  const pick = (set: Set<string>) => uniqueActions(actions.filter((a) => set.has(a.toLowerCase()) && !skip.has(a.toLowerCase())));
  return { mutating: pick(mutating), create: pick(create) };
}
