/**
 * Third-party policies (test/fixtures/third-party/PROVENANCE.md) through both decision engines: the local evaluator
 * and the AWS-simulation path (SimulationDecisionSource, real SDK serialisation mocked at the client, answered by the
 * loopback fake's simulator `simulateWithEvaluator`). Expectations are derived from the policy text and AWS's
 * evaluation rules (docs/iam-request-context.md), written before running the tool:
 *
 * - The prerequisites doc's control-plane policy grants, unconditionally on "*", every action of the
 *   cloud-provider-aws preset's required list: no iam.required.denied.
 * - The same statement wrapped in `StringEquals aws:ResourceTag/kubernetes.io/cluster/docs = owned`: AWS sends no
 *   resource tag with calls that name no resource (Describe*), nor with create calls, so the statement does not
 *   apply to ec2:DescribeInstances, DescribeSubnets, DescribeSecurityGroups, DescribeRouteTables,
 *   elasticloadbalancing:DescribeLoadBalancers, ec2:CreateSecurityGroup and elasticloadbalancing:CreateLoadBalancer:
 *   high denials (implicitDeny, not "allowed only with context"). Calls on an existing cluster resource
 *   (ec2:AuthorizeSecurityGroupIngress, elasticloadbalancing:RegisterTargets) carry the tag and stay allowed.
 * - AmazonEKSClusterPolicy grants iam:CreateServiceLinkedRole only with iam:AWSServiceName =
 *   elasticloadbalancing.amazonaws.com, which is exactly the request the ELB service-linked role needs: allowed.
 *   It does not grant ec2:DescribeRegions, autoscaling:DescribeTags, autoscaling:DescribeLaunchConfigurations or
 *   elasticloadbalancing:SetSecurityGroups, which the preset requires today: those are denied.
 */
import { describe, expect, it } from '@jest/globals';
import {
  GetContextKeysForPrincipalPolicyCommand,
  IAMClient,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { SimulationDecisionSource } from '../../lib/adapters/iam/simulation-decision-source.js';
import { analyseIam } from '../../lib/app/analyse-iam.js';
import { runIamChecks } from '../../lib/domain/checks/iam/index.js';
import type { AccountView, PolicyDocument } from '../../lib/domain/model/account-view.js';
import type { PolicyDecisionSource } from '../../lib/domain/policy/decisions.js';
import { LocalPolicyDecisionSource } from '../../lib/domain/policy/local-decision-source.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import { aCluster, aRole, aView } from '../support/builders.js';
import { testContext } from '../adapters/aws/support/contexts.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/third-party/${name}`, import.meta.url), 'utf8')) as PolicyDocument;
const PREREQ_CP = fixture('cloud-provider-aws-prerequisites-control-plane.json');
const PREREQ_NODE = fixture('cloud-provider-aws-prerequisites-node.json');
const EKS_CLUSTER_POLICY = fixture('aws-managed-AmazonEKSClusterPolicy.json');

const cluster = aCluster({ name: 'docs' });

function viewWith(controlPlane: PolicyDocument): AccountView {
  return aView({
    roles: [
      aRole({ name: 'k8s-control-plane', inlinePolicies: [{ name: 'cp', document: controlPlane }] }),
      aRole({ name: 'k8s-worker', inlinePolicies: [{ name: 'node', document: PREREQ_NODE }] }),
    ],
  });
}

/** The simulation path: SimulatePrincipalPolicy answered by the loopback fake's simulator over the role's policies. */
function simulationSource(view: AccountView): PolicyDecisionSource {
  const iam = mockClient(IAMClient);
  const simulate = simulateWithEvaluator();
  iam.on(GetContextKeysForPrincipalPolicyCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: {} }));
  iam.on(SimulatePrincipalPolicyCommand).callsFake((input: SimulatePrincipalPolicyCommandInput) => {
    const role = view.roles.find((r) => r.arn === input.PolicySourceArn)!;
    const context: Record<string, string[]> = {};
    for (const e of input.ContextEntries ?? []) context[e.ContextKeyName!] = [...(e.ContextKeyValues ?? [])];
    const results = simulate({
      role: { Arn: role.arn },
      identityPolicies: role.inlinePolicies.map((p) => ({ id: p.name, type: 'inline' as const, document: p.document, text: JSON.stringify(p.document, null, 2) })),
      permissionsBoundaries: [],
      actions: input.ActionNames ?? [],
      resource: input.ResourceArns?.[0] ?? '*',
      context,
    });
    return { EvaluationResults: results, IsTruncated: false };
  });
  return new SimulationDecisionSource({ iam: new IAMClient({ region: 'us-east-1' }), context: testContext() });
}

const ENGINES = [
  { engine: 'local', source: (view: AccountView) => new LocalPolicyDecisionSource(view) },
  { engine: 'aws-simulation (loopback fake simulator)', source: simulationSource },
];

async function audit(view: AccountView, engine: (typeof ENGINES)[number]) {
  const iam = await analyseIam(view, cluster, engine.source(view));
  return runIamChecks({ view, cluster }, iam);
}

const denied = (drafts: Awaited<ReturnType<typeof audit>>, check = 'iam.required.denied') =>
  drafts.filter((d) => d.check === check && d.status !== 'error' && d.resource.id.endsWith('k8s-control-plane')).map((d) => d.action).sort();

describe.each(ENGINES)('third-party policies, $engine engine', (engine) => {
  it('the prerequisites doc control-plane policy (kubernetes/cloud-provider-aws docs/prerequisites.md): no required action denied', async () => {
    const drafts = await audit(viewWith(PREREQ_CP), engine);
    expect(denied(drafts)).toEqual([]);
  });

  it('the doc statement conditioned on aws:ResourceTag denies the Describe and create calls (no resource tag in their request), allows calls on tagged resources', async () => {
    const statement = (PREREQ_CP.Statement as Record<string, unknown>[])[0]!;
    const scoped: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ ...statement, Condition: { StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/docs': 'owned' } } }],
    };
    const drafts = await audit(viewWith(scoped), engine);
    const high = denied(drafts);
    for (const action of [
      'ec2:DescribeInstances',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeRouteTables',
      'elasticloadbalancing:DescribeLoadBalancers',
      'ec2:CreateSecurityGroup',
      'elasticloadbalancing:CreateLoadBalancer',
    ]) {
      expect(high).toContain(action);
    }
    expect(high).not.toContain('ec2:AuthorizeSecurityGroupIngress');
    expect(high).not.toContain('elasticloadbalancing:RegisterTargets');
    const describe = drafts.find((d) => d.check === 'iam.required.denied' && d.action === 'ec2:DescribeInstances')!;
    expect(describe.evidence).toEqual(
      expect.objectContaining({ reason: 'implicitDeny', call: 'no-resource', context: { 'aws:RequestedRegion': ['us-west-1'], 'ec2:Region': ['us-west-1'] } }),
    );
    expect(describe.title).toBeUndefined();
  });

  it('AmazonEKSClusterPolicy: iam:CreateServiceLinkedRole scoped by iam:AWSServiceName = elasticloadbalancing.amazonaws.com is allowed', async () => {
    const drafts = await audit(viewWith(EKS_CLUSTER_POLICY), engine);
    const high = denied(drafts);
    expect(high).not.toContain('iam:CreateServiceLinkedRole');
    expect(denied(drafts, 'iam.optional.denied')).not.toContain('iam:CreateServiceLinkedRole');
    for (const action of ['ec2:DescribeRegions', 'autoscaling:DescribeTags', 'autoscaling:DescribeLaunchConfigurations', 'elasticloadbalancing:SetSecurityGroups']) {
      expect(high).toContain(action);
    }
  });
});
