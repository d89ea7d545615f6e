import type { Preset } from '../preset.js';
import { contextFromTagScoping } from '../preset.js';
import { CCM_CALLS, CCM_FEATURE_DEPENDENT_ACTIONS, ECR_PULL_ACTIONS, ROUTE_CONTROLLER_ACTIONS, uniqueActions } from '../actions.js';
import { classifyForTagScoping, KOPS_CCM_CLUSTER_TAGGED, KOPS_CCM_CLUSTER_TAGGED_CREATE } from '../tag-scoping.js';

// Source: kubernetes/kops pkg/model/iam/iam_builder.go, master 2026-08 (docs/domain.md section 2).
// Control plane = what AddCCMPermissions grants (unconditional, clusterTaggedAction, clusterTaggedCreateAction,
// AddEC2CreateAction for security groups, cloud routes); kops scopes it with the LEGACY tag KubernetesCluster.

/** AddCCMPermissions: unconditionalAction. */
const UNCONDITIONAL = [
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribeTags',
  'ec2:DescribeInstances',
  'ec2:DescribeRegions',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeRouteTables',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSubnets',
  'ec2:DescribeVpcs',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancerPolicies',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
  'iam:CreateServiceLinkedRole',
  'kms:DescribeKey',
] as const;

/**
 * kops grants ec2:CreateTags (tag-on-create of security groups) and ec2:DeleteTags only on
 * `arn:aws:ec2:*:*:security-group/*`. Decided for `Resource: "*"` they read as not allowed, so they are optional
 * here (info when missing) instead of required.
 */
const SECURITY_GROUP_TAGGING = ['ec2:CreateTags', 'ec2:DeleteTags'] as const;

/**
 * What kops grants every instance role for its own components (nodeup, etcd-manager on the control plane), not
 * for the cloud provider: tolerated, never excess.
 */
const NODEUP = [
  'ec2:DescribeRegions',
  'ec2:DescribeInstances',
  'ec2:DescribeInstanceTypes',
  'autoscaling:DescribeAutoScalingInstances',
  'iam:ListServerCertificates',
  'iam:GetServerCertificate',
  'kms:GenerateRandom',
] as const;
const ETCD_MANAGER = ['ec2:DescribeVolumes', 'ec2:AttachVolume'] as const;

const CONTROL_PLANE_REQUIRED = uniqueActions([...UNCONDITIONAL, ...KOPS_CCM_CLUSTER_TAGGED, ...ROUTE_CONTROLLER_ACTIONS, ...KOPS_CCM_CLUSTER_TAGGED_CREATE]);
const CONTROL_PLANE_OPTIONAL = uniqueActions([...SECURITY_GROUP_TAGGING, ...CCM_FEATURE_DEPENDENT_ACTIONS]);

const scoping = {
  description: 'KubernetesCluster = <cluster> (legacy tag)',
  tagKey: () => 'KubernetesCluster',
  tagValues: (cluster: string) => [cluster],
  ...classifyForTagScoping([...CONTROL_PLANE_REQUIRED, ...CONTROL_PLANE_OPTIONAL]),
  /** AddEC2CreateAction: CreateTags is allowed as part of CreateSecurityGroup (tag-on-create). */
  tagOnCreateOnly: ['CreateSecurityGroup'],
};

/** kops-built clusters: CCM needs scoped by conditions on the legacy KubernetesCluster tag. */
export const kopsPreset: Preset = {
  name: 'kops',
  source: 'kubernetes/kops pkg/model/iam/iam_builder.go, master 2026-08',
  summary: 'The CCM actions, mutations scoped to resources tagged KubernetesCluster=<cluster>.',
  controlPlane: {
    required: CONTROL_PLANE_REQUIRED,
    optional: CONTROL_PLANE_OPTIONAL,
    tolerated: uniqueActions([...NODEUP, ...ETCD_MANAGER]),
  },
  worker: { required: [], optional: ECR_PULL_ACTIONS, tolerated: NODEUP },
  cloudRoutesOnly: ROUTE_CONTROLLER_ACTIONS,
  tagScoping: scoping,
  contextFor: contextFromTagScoping(scoping),
  calls: CCM_CALLS,
  notes: [
    'Mutating actions need aws:ResourceTag/KubernetesCluster = <cluster>, create actions aws:RequestTag/KubernetesCluster = <cluster>; the audit passes both (and ec2:CreateAction) as request context.',
    'The kops node role needs nothing for the cloud provider by default; the ECR pull actions are optional (needed when images come from ECR).',
    'kops KMS data actions (kms:ViaService conditions) belong to etcd/EBS encryption, not to the cloud provider, and are not part of this preset.',
  ],
};
