// The evaluator benchmark's role: 10 realistic policies (explicit action lists, service and prefix wildcards,
// Allow+NotAction, Deny+NotAction, conditions on tags, region and kms:ViaService). Used by bench/workers/evaluator.mjs.
const ACCOUNT = '123456789012';
const doc = (...Statement) => ({ Version: '2012-10-17', Statement });
const cluster = { 'aws:ResourceTag/KubernetesCluster': 'prod.k8s.local' };

export const role = {
  identityPolicies: [
    { id: `arn:aws:iam::${ACCOUNT}:policy/ccm-control-plane`, document: doc({
      Sid: 'CloudProviderAws', Effect: 'Allow', Resource: '*',
      Action: [
        'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeLaunchConfigurations', 'autoscaling:DescribeTags',
        'ec2:DescribeInstances', 'ec2:DescribeRegions', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets', 'ec2:DescribeVolumes', 'ec2:DescribeAvailabilityZones', 'ec2:CreateSecurityGroup',
        'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:ModifyInstanceAttribute', 'ec2:ModifyVolume', 'ec2:AttachVolume',
        'ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateRoute', 'ec2:DeleteRoute', 'ec2:DeleteSecurityGroup',
        'ec2:DeleteVolume', 'ec2:DetachVolume', 'ec2:RevokeSecurityGroupIngress', 'ec2:DescribeVpcs',
        'ec2:DescribeInstanceTopology', 'elasticloadbalancing:AddTags', 'elasticloadbalancing:CreateLoadBalancer',
        'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:CreateTargetGroup',
        'elasticloadbalancing:RegisterTargets', 'iam:CreateServiceLinkedRole', 'kms:DescribeKey',
      ],
    }) },
    { id: 'ecr-read-only', document: doc({ Effect: 'Allow', Resource: '*', Action: ['ecr:Get*', 'ecr:BatchGet*', 'ecr:Describe*', 'ecr:List*', 'ecr:BatchCheckLayerAvailability'] }) },
    { id: 'legacy-2018-guide', document: doc({ Effect: 'Allow', Action: ['ec2:*', 'elasticloadbalancing:*'], Resource: '*' }) },
    { id: 'autoscaling', document: doc(
      { Effect: 'Allow', Action: 'autoscaling:Describe*', Resource: '*' },
      { Effect: 'Allow', Action: ['autoscaling:UpdateAutoScalingGroup', 'autoscaling:SetDesiredCapacity'], Resource: '*', Condition: { StringEquals: cluster } },
    ) },
    { id: 'kops-scoped', document: doc(
      { Effect: 'Allow', Action: ['ec2:AttachVolume', 'ec2:DetachVolume', 'ec2:DeleteVolume', 'ec2:ModifyInstanceAttribute'], Resource: '*', Condition: { StringEquals: cluster } },
      { Effect: 'Allow', Action: ['ec2:CreateVolume', 'ec2:CreateSecurityGroup'], Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/KubernetesCluster': 'prod.k8s.local' } } },
    ) },
    { id: 'kms-via-ec2', document: doc({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*', 'kms:CreateGrant'], Resource: '*', Condition: { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } } }) },
    { id: 'region-lock', document: doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'kms:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-west-1', 'us-east-1'] } } }) },
    { id: 'pass-node-role', document: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT}:role/k8s-node` }) },
    { id: 'arn:aws:iam::aws:policy/PowerUserAccess', document: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization'], Resource: '*' },
    ) },
    { id: 'deny-foreign-deletes', document: doc(
      { Effect: 'Deny', Action: ['ec2:Delete*', 'elasticloadbalancing:Delete*'], Resource: '*', Condition: { StringNotEquals: cluster } },
      { Effect: 'Deny', Action: ['ec2:TerminateInstances', 'ec2:DeleteVpc*', 'iam:Delete*'], Resource: '*' },
    ) },
  ],
};

export const context = { 'aws:RequestedRegion': ['us-west-1'], 'aws:ResourceTag/KubernetesCluster': ['prod.k8s.local'] };
