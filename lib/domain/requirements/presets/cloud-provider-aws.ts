import type { Preset } from '../preset.js';
import { contextFromTagScoping } from '../preset.js';
import { CCM_CALLS, CCM_FEATURE_DEPENDENT_ACTIONS, ECR_PULL_ACTIONS, ROUTE_CONTROLLER_ACTIONS } from '../actions.js';
import { classifyForTagScoping } from '../tag-scoping.js';

// Source: kubernetes/cloud-provider-aws docs/prerequisites.md, 2026-07 (docs/domain.md section 2).
// The doc lists elasticloadbalancing:AddTags twice; it appears once here (57 unique control-plane actions).

/** Control-plane policy of the prerequisites doc, in the doc's order. All on `Resource: "*"`. */
export const CCM_CONTROL_PLANE_REQUIRED = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeLaunchConfigurations',
  'autoscaling:DescribeTags',
  'ec2:DescribeInstances',
  'ec2:DescribeRegions',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVolumes',
  'ec2:DescribeAvailabilityZones',
  'ec2:CreateSecurityGroup',
  'ec2:CreateTags',
  'ec2:CreateVolume',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyVolume',
  'ec2:AttachVolume',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:CreateRoute',
  'ec2:DeleteRoute',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteVolume',
  'ec2:DetachVolume',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:DescribeVpcs',
  'ec2:DescribeInstanceTopology',
  'elasticloadbalancing:AddTags',
  'elasticloadbalancing:AttachLoadBalancerToSubnets',
  'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer',
  'elasticloadbalancing:CreateLoadBalancer',
  'elasticloadbalancing:CreateLoadBalancerPolicy',
  'elasticloadbalancing:CreateLoadBalancerListeners',
  'elasticloadbalancing:ConfigureHealthCheck',
  'elasticloadbalancing:DeleteLoadBalancer',
  'elasticloadbalancing:DeleteLoadBalancerListeners',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:DetachLoadBalancerFromSubnets',
  'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
  'elasticloadbalancing:ModifyLoadBalancerAttributes',
  'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
  'elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer',
  'elasticloadbalancing:CreateListener',
  'elasticloadbalancing:CreateTargetGroup',
  'elasticloadbalancing:DeleteListener',
  'elasticloadbalancing:DeleteTargetGroup',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancerPolicies',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'elasticloadbalancing:ModifyListener',
  'elasticloadbalancing:ModifyTargetGroup',
  'elasticloadbalancing:RegisterTargets',
  'elasticloadbalancing:DeregisterTargets',
  'elasticloadbalancing:SetLoadBalancerPoliciesOfListener',
  'elasticloadbalancing:SetSecurityGroups',
  'iam:CreateServiceLinkedRole',
  'kms:DescribeKey',
] as const;

/** Node policy of the prerequisites doc: the kubelet reads its instance, plus the ECR pull actions. */
const WORKER_REQUIRED = ['ec2:DescribeInstances', 'ec2:DescribeRegions', ...ECR_PULL_ACTIONS] as const;

const scoping = {
  description: 'kubernetes.io/cluster/<cluster> = owned | shared',
  tagKey: (cluster: string) => `kubernetes.io/cluster/${cluster}`,
  tagValues: () => ['owned', 'shared'],
  ...classifyForTagScoping([...CCM_CONTROL_PLANE_REQUIRED, ...CCM_FEATURE_DEPENDENT_ACTIONS, ...WORKER_REQUIRED]),
};

/** Default preset: the out-of-tree aws-cloud-controller-manager. */
export const cloudProviderAwsPreset: Preset = {
  name: 'cloud-provider-aws',
  source: 'kubernetes/cloud-provider-aws docs/prerequisites.md, 2026-07',
  summary: 'Out-of-tree aws-cloud-controller-manager (CCM), the default.',
  controlPlane: { required: CCM_CONTROL_PLANE_REQUIRED, optional: CCM_FEATURE_DEPENDENT_ACTIONS, tolerated: [] },
  worker: { required: WORKER_REQUIRED, optional: [], tolerated: [] },
  cloudRoutesOnly: ROUTE_CONTROLLER_ACTIONS,
  tagScoping: scoping,
  contextFor: contextFromTagScoping(scoping),
  calls: CCM_CALLS,
  notes: [
    'elasticloadbalancing:AddTags is listed twice in the source and counted once.',
    'ec2:DeleteTags, ec2:DescribeNetworkInterfaces, elasticloadbalancing:DescribeTargetGroupAttributes and ModifyTargetGroupAttributes are called by the CCM code for optional features (tagging controller, Fargate, target-group attributes annotation) and are optional here.',
    'Tag-scoped policies reuse the kops classification of mutating and create actions with the kubernetes.io/cluster/<cluster> tag.',
  ],
};
