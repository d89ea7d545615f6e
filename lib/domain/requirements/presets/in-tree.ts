import type { Preset } from '../preset.js';
import { contextFromTagScoping } from '../preset.js';
import { ECR_PULL_ACTIONS, ROUTE_CONTROLLER_ACTIONS } from '../actions.js';
import { classifyForTagScoping, KOPS_LEGACY_UNCONDITIONAL } from '../tag-scoping.js';
import { CCM_CONTROL_PLANE_REQUIRED } from './cloud-provider-aws.js';

// Source: kubernetes/legacy-cloud-providers v0.26.0 aws/aws.go (docs/domain.md section 2).
// The IAM action (and EC2 API) is ec2:DescribeVolumesModifications; the first domain notes spelled it without the s
// (docs/domain.md section 2).

const EC2 = [
  'ec2:DescribeInstances',
  'ec2:DescribeSecurityGroups',
  'ec2:AttachVolume',
  'ec2:DetachVolume',
  'ec2:DescribeVolumes',
  'ec2:CreateVolume',
  'ec2:DeleteVolume',
  'ec2:DescribeSubnets',
  'ec2:CreateSecurityGroup',
  'ec2:DeleteSecurityGroup',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:CreateTags',
  'ec2:DescribeRouteTables',
  'ec2:CreateRoute',
  'ec2:DeleteRoute',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyVolume',
  'ec2:DescribeVolumesModifications',
  'ec2:DescribeVpcs',
] as const;

/** The elasticloadbalancing actions of the cloud-provider-aws preset except SetSecurityGroups (docs/domain.md section 2). */
const ELB = CCM_CONTROL_PLANE_REQUIRED.filter((a) => a.startsWith('elasticloadbalancing:') && a !== 'elasticloadbalancing:SetSecurityGroups');

const CONTROL_PLANE_REQUIRED = [
  ...EC2,
  ...ELB,
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:UpdateAutoScalingGroup',
  ...ECR_PULL_ACTIONS,
] as const;

/** The kubelet reads its own instance to name the node; plus the ECR pull actions. */
const WORKER_REQUIRED = ['ec2:DescribeInstances', 'ec2:DescribeRegions', ...ECR_PULL_ACTIONS] as const;

const scoping = {
  description: 'kubernetes.io/cluster/<cluster> = owned | shared',
  tagKey: (cluster: string) => `kubernetes.io/cluster/${cluster}`,
  tagValues: () => ['owned', 'shared'],
  ...classifyForTagScoping([...CONTROL_PLANE_REQUIRED, ...WORKER_REQUIRED], KOPS_LEGACY_UNCONDITIONAL),
};

/** Legacy in-tree `--cloud-provider=aws` (Kubernetes <= 1.26). */
export const inTreePreset: Preset = {
  name: 'in-tree',
  source: 'kubernetes/legacy-cloud-providers v0.26.0 aws/aws.go',
  summary: 'Legacy in-tree --cloud-provider=aws (Kubernetes <= 1.26).',
  controlPlane: { required: CONTROL_PLANE_REQUIRED, optional: [], tolerated: [] },
  worker: { required: WORKER_REQUIRED, optional: [], tolerated: [] },
  cloudRoutesOnly: ROUTE_CONTROLLER_ACTIONS,
  tagScoping: scoping,
  contextFor: contextFromTagScoping(scoping),
  /**
   * kubernetes/legacy-cloud-providers v0.26.0 aws/aws.go:3398 creates the security group without tags, then tags
   * it (aws.go:3422 -> tags.go:231): neither call carries the cluster tag as a resource tag.
   */
  calls: {
    'ec2:CreateSecurityGroup': [{ way: { kind: 'create-untagged' } }],
    'ec2:CreateTags': [{ way: { kind: 'tag-untagged' } }],
  },
  notes: [
    'ec2:DescribeVolumesModifications is the IAM name of the call (the first domain notes spelled it DescribeVolumeModifications; docs/domain.md section 2).',
    'A widely copied 2018 guide grants ec2:* and elasticloadbalancing:* (control plane) and ec2:Describe* (workers): that satisfies this preset and is reported as excess.',
    'Tag-scoped policies keep unconditional what kops grants unconditionally to the in-tree provider (AddLegacyCCMPermissions): the legacy code changes resources before they carry the cluster tag.',
  ],
};
