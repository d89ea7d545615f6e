import { describe, expect, it } from '@jest/globals';
import { analyseIam } from '../../lib/app/analyse-iam.js';
import { runIamChecks } from '../../lib/domain/checks/iam/index.js';
import { PRESET_NAMES, type ClusterConfig } from '../../lib/domain/config/schema.js';
import type { AccountView, PolicyDocument, Role } from '../../lib/domain/model/account-view.js';
import { catalog } from '../../lib/domain/policy/catalog/index.js';
import type { DecisionRequest, PolicyDecisionSource } from '../../lib/domain/policy/decisions.js';
import { parsePolicyDocument } from '../../lib/domain/policy/document.js';
import { LocalPolicyDecisionSource } from '../../lib/domain/policy/local-decision-source.js';
import { generatePolicy } from '../../lib/domain/requirements/generate-policy.js';
import { uniqueActions } from '../../lib/domain/requirements/actions.js';
import { presetByName } from '../../lib/domain/requirements/presets.js';
import { aCluster, aGap, aRole, aView, DEFAULTS } from '../support/builders.js';
import { allowDocument, aRoleWithPolicy, decisionsFor } from '../support/iam.js';

/** A source answering from a fixed allow list, recording the requests. */
class FakeSource implements PolicyDecisionSource {
  readonly engine = 'aws-simulation' as const;
  readonly requests: DecisionRequest[] = [];
  constructor(private readonly allowed: readonly string[] = [], private readonly failure?: Error) {}
  async decide(request: DecisionRequest) {
    this.requests.push(request);
    if (this.failure) throw this.failure;
    return decisionsFor(this.allowed, request.actions).filter((d) => request.actions.includes(d.action));
  }
}

const cp = presetByName('cloud-provider-aws').controlPlane;
const worker = presetByName('cloud-provider-aws').worker;
const clusterRoles = () => [aRole({ name: 'k8s-control-plane' }), aRole({ name: 'k8s-worker' })];

async function audit(view: AccountView, cluster: ClusterConfig, source: PolicyDecisionSource = new LocalPolicyDecisionSource(view)) {
  const iam = await analyseIam(view, cluster, source);
  return { iam, drafts: runIamChecks({ view, cluster }, iam) };
}

describe('analyseIam', () => {
  it('decides every catalogue action plus the requirements, each with the context AWS builds for the call (docs/iam-request-context.md)', async () => {
    // Arrange
    const cluster = aCluster({ extraRequired: { worker: ['lambda:InvokeFunction'] } });
    const source = new FakeSource();
    const tag = 'kubernetes.io/cluster/prod';

    // Act
    const iam = await analyseIam(aView({ roles: clusterRoles() }), cluster, source);

    // Assert: the context each action was asked with
    const cpRequests = source.requests.filter((r) => r.role.name === 'k8s-control-plane');
    const workerRequests = source.requests.filter((r) => r.role.name === 'k8s-worker');
    expect(cpRequests.every((r) => r.resource === '*' && r.absentKey !== undefined)).toBe(true);
    const contextsOf = (action: string) => cpRequests.filter((r) => r.actions.includes(action)).map((r) => r.context);
    // Describe calls name no resource: region keys only, no resource or request tag (the false clean of issue 8)
    expect(contextsOf('ec2:DescribeInstances')).toEqual([{ 'aws:RequestedRegion': ['us-west-1'], 'ec2:Region': ['us-west-1'] }]);
    expect(contextsOf('elasticloadbalancing:DescribeLoadBalancers')).toEqual([{ 'aws:RequestedRegion': ['us-west-1'] }]);
    // On an existing cluster resource: the resource tag (and EC2's own alias), no request tag
    expect(contextsOf('ec2:AuthorizeSecurityGroupIngress')).toEqual([
      { 'aws:RequestedRegion': ['us-west-1'], 'ec2:Region': ['us-west-1'], [`aws:ResourceTag/${tag}`]: ['owned'], [`ec2:ResourceTag/${tag}`]: ['owned'] },
    ]);
    // Tag-on-create: request tags, no resource tag
    expect(contextsOf('elasticloadbalancing:CreateLoadBalancer')).toEqual([{ 'aws:RequestedRegion': ['us-west-1'], [`aws:RequestTag/${tag}`]: ['owned'], 'aws:TagKeys': [tag] }]);
    // CreateTags asked each way the provider calls it
    expect(contextsOf('ec2:CreateTags')).toHaveLength(2);
    expect(contextsOf('ec2:CreateTags')).toEqual(
      expect.arrayContaining([
        { 'aws:RequestedRegion': ['us-west-1'], 'ec2:Region': ['us-west-1'], [`aws:RequestTag/${tag}`]: ['owned'], 'aws:TagKeys': [tag], 'ec2:CreateAction': ['CreateSecurityGroup'] },
        { 'aws:RequestedRegion': ['us-west-1'], 'ec2:Region': ['us-west-1'], [`aws:RequestTag/${tag}`]: ['owned'], 'aws:TagKeys': [tag] },
      ]),
    );
    // The ELB service-linked role, at IAM's global endpoint region
    expect(contextsOf('iam:CreateServiceLinkedRole')).toEqual([{ 'aws:RequestedRegion': ['us-east-1'], 'iam:AWSServiceName': ['elasticloadbalancing.amazonaws.com'] }]);
    const unique = (rs: DecisionRequest[]) => new Set(rs.flatMap((r) => r.actions)).size;
    expect(unique(cpRequests)).toBe(catalog.allActions().length);
    expect(unique(workerRequests)).toBe(catalog.allActions().length + 1);
    expect(workerRequests.flatMap((r) => r.actions)).toContain('lambda:InvokeFunction');
    expect(iam).toEqual(expect.objectContaining({ rolesExamined: 2, actionsEvaluated: 2 * catalog.allActions().length + 1, engine: 'aws-simulation' }));
    expect(iam.roles[0]?.decisions?.map((d) => d.action)).toEqual(uniqueActions([...cp.required, ...cp.optional, ...catalog.allActions()]));
    expect(iam.roles[0]?.decisions?.find((d) => d.action === 'ec2:DescribeInstances')).toEqual(expect.objectContaining({ call: 'no-resource', context: contextsOf('ec2:DescribeInstances')[0] }));
  });

  it('passes the legacy-tag context for kops', async () => {
    const source = new FakeSource();
    await analyseIam(aView({ roles: clusterRoles() }), aCluster({ preset: 'kops' }), source);
    const contextsOf = (action: string) => source.requests.filter((r) => r.role.name === 'k8s-control-plane' && r.actions.includes(action)).map((r) => r.context);
    expect(contextsOf('ec2:DeleteSecurityGroup')).toEqual([expect.objectContaining({ 'aws:ResourceTag/KubernetesCluster': ['prod'] })]);
    expect(contextsOf('ec2:CreateTags')).toContainEqual(expect.objectContaining({ 'aws:RequestTag/KubernetesCluster': ['prod'], 'ec2:CreateAction': ['CreateSecurityGroup'] }));
  });

  it('records a source failure as the reason each unit of the role could not be checked', async () => {
    // Arrange
    const source = new FakeSource([], new Error('Rate exceeded'));

    // Act
    const { iam, drafts } = await audit(aView({ roles: clusterRoles() }), aCluster(), source);

    // Assert
    expect(iam.rolesExamined).toBe(0);
    expect(iam.actionsEvaluated).toBe(0);
    expect(iam.roles[0]?.decisionError).toBe('the AWS policy simulation could not decide: Rate exceeded');
    expect(drafts.every((d) => d.status === 'error')).toBe(true);
    expect(drafts.filter((d) => d.check === 'iam.required.denied')).toHaveLength(cp.required.length + worker.required.length);
    expect(drafts.filter((d) => d.check === 'iam.excess.admin')).toHaveLength(2);
  });

  it('does not ask about a missing role, and reports it', async () => {
    // Arrange
    const source = new FakeSource(worker.required);

    // Act
    const { drafts } = await audit(aView({ roles: [aRole({ name: 'k8s-worker' })] }), aCluster(), source);

    // Assert: only the existing worker role is decided
    expect([...new Set(source.requests.map((r) => r.role.name))]).toEqual(['k8s-worker']);
    expect(drafts.map((d) => [d.check, d.status ?? 'fail'])).toEqual([['iam.role.missing', 'fail']]);
  });

  it('turns a roles collection gap into errors, never a pass or "missing"', async () => {
    // Arrange
    const view = aView({ roles: [], gaps: [aGap('roles', { source: 'iam:GetAccountAuthorizationDetails', reason: 'AccessDenied' })] });
    const source = new FakeSource();

    // Act
    const { drafts } = await audit(view, aCluster(), source);

    // Assert
    expect(source.requests).toHaveLength(0);
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((d) => d.status === 'error')).toBe(true);
    expect(drafts.filter((d) => d.check === 'iam.role.missing')[0]?.detail).toContain('AccessDenied (iam:GetAccountAuthorizationDetails)');
  });

  it('checks a role named by both controlPlane and worker once, against both requirement sets', async () => {
    // Arrange
    const cluster = aCluster({ roles: { controlPlane: DEFAULTS.workerRoleArn, worker: DEFAULTS.workerRoleArn } });
    const source = new FakeSource([...cp.required, ...cp.optional, ...worker.required]);

    // Act
    const { iam, drafts } = await audit(aView({ roles: clusterRoles() }), cluster, source);

    // Assert: one role, each action decided once
    expect([...new Set(source.requests.map((r) => r.role.name))]).toEqual(['k8s-worker']);
    expect(new Set(source.requests.flatMap((r) => r.actions)).size).toBe(iam.actionsEvaluated);
    expect(iam.roles).toHaveLength(1);
    expect(iam.roles[0]?.keys).toEqual(['controlPlane', 'worker']);
    expect(drafts).toEqual([]);
  });
});

// ---- With the local policy evaluator (lib/domain/policy/evaluator).

const BOUNDARY_ARN = 'arn:aws:iam::123456789012:policy/k8s-boundary';

/** The drifted account of the issue: legacy-guide grants, a missing ECR action, an explicit deny, a boundary, iam:PassRole *. */
function driftedDocuments() {
  const controlPlane: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'LegacyGuide', Effect: 'Allow', Action: ['ec2:*', 'elasticloadbalancing:*'], Resource: '*' },
      { Sid: 'Rest', Effect: 'Allow', Action: [...cp.required.filter((a) => a.startsWith('autoscaling:')), 'iam:CreateServiceLinkedRole', 'kms:DescribeKey'], Resource: '*' },
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ],
  };
  // The boundary lets through ec2:*, autoscaling:Describe*, the ELB actions the CCM needs and iam; not kms:DescribeKey.
  const boundary: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['ec2:*', 'autoscaling:Describe*', 'iam:CreateServiceLinkedRole', 'iam:PassRole', ...cp.required.filter((a) => a.startsWith('elasticloadbalancing:')), ...cp.optional.filter((a) => a.startsWith('elasticloadbalancing:'))],
        Resource: '*',
      },
    ],
  };
  const workerDoc: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Describe', Effect: 'Allow', Action: ['ec2:Describe*', ...worker.required.filter((a) => a.startsWith('ecr:') && a !== 'ecr:BatchGetImage')], Resource: '*' },
      { Sid: 'NoRegions', Effect: 'Deny', Action: 'ec2:DescribeRegions', Resource: '*' },
    ],
  };
  return { controlPlane, boundary, workerDoc };
}

function driftedView(encode: (doc: PolicyDocument, where: string) => PolicyDocument): AccountView {
  const d = driftedDocuments();
  const cpRole: Role = { ...aRoleWithPolicy('k8s-control-plane', encode(d.controlPlane, 'cp')), permissionsBoundaryArn: BOUNDARY_ARN };
  const workerRole = aRoleWithPolicy('k8s-worker', encode(d.workerDoc, 'worker'));
  return aView({ roles: [cpRole, workerRole], managedPolicies: [{ arn: BOUNDARY_ARN, name: 'k8s-boundary', document: encode(d.boundary, 'boundary') }] });
}

const EXPECTED_DRIFT = [
  ['iam.required.denied', DEFAULTS.controlPlaneRoleArn, 'kms:DescribeKey', 'boundary'],
  ['iam.excess.service-wildcard', DEFAULTS.controlPlaneRoleArn, 'ec2:*', undefined],
  ['iam.excess.actions', DEFAULTS.controlPlaneRoleArn, 'ec2:*', 'high'],
  ['iam.excess.actions', DEFAULTS.controlPlaneRoleArn, 'iam:*', 'medium'],
  ['iam.excess.privilege-escalation', DEFAULTS.controlPlaneRoleArn, 'iam:PassRole', undefined],
  ['iam.required.denied', DEFAULTS.workerRoleArn, 'ec2:DescribeRegions', 'explicitDeny'],
  ['iam.required.denied', DEFAULTS.workerRoleArn, 'ecr:BatchGetImage', 'implicitDeny'],
  ['iam.excess.actions', DEFAULTS.workerRoleArn, 'ec2:*', 'low'],
];

const summarise = (drafts: Awaited<ReturnType<typeof audit>>['drafts']) =>
  drafts.map((d) => [d.check, d.resource.id, d.action, d.check === 'iam.required.denied' ? d.evidence?.reason : d.severity]);

describe('analyseIam with the local evaluator', () => {
  it('finds exactly the drift of a legacy-guide account (ec2:*, elasticloadbalancing:*, ec2:Describe*, missing ECR action, deny, boundary, iam:PassRole *)', async () => {
    // Act
    const { drafts, iam } = await audit(driftedView((doc) => doc), aCluster());

    // Assert
    expect(summarise(drafts)).toEqual(EXPECTED_DRIFT);
    expect(drafts.every((d) => d.status === undefined)).toBe(true);
    const byKey = new Map(drafts.map((d) => [`${d.resource.id} ${d.check} ${d.action}`, d]));
    expect(byKey.get(`${DEFAULTS.workerRoleArn} iam.required.denied ec2:DescribeRegions`)?.evidence).toEqual(
      expect.objectContaining({ deniedBy: [{ policy: 'k8s', policyType: 'inline', statement: 'NoRegions', effect: 'Deny' }] }),
    );
    const describes = catalog.actions('ec2').filter((a) => a.startsWith('ec2:Describe')).length;
    expect(byKey.get(`${DEFAULTS.workerRoleArn} iam.excess.actions ec2:*`)?.evidence).toEqual(
      expect.objectContaining({ counts: expect.objectContaining({ allowed: describes - 1, needed: 1, excess: describes - 2 }) }),
    );
    expect(byKey.get(`${DEFAULTS.controlPlaneRoleArn} iam.excess.privilege-escalation iam:PassRole`)?.evidence).toEqual(
      expect.objectContaining({ grantedBy: [expect.objectContaining({ policy: 'k8s', statement: 'Pass' })] }),
    );
    expect(iam.actionsEvaluated).toBe(2 * catalog.allActions().length);
  });

  it('gives the same findings from URL-encoded documents (as the IAM API returns them)', async () => {
    // Arrange
    const view = driftedView((doc, where) => parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)), where));

    // Act
    const { drafts } = await audit(view, aCluster());

    // Assert
    expect(summarise(drafts)).toEqual(EXPECTED_DRIFT);
  });

  it('finds nothing but the info-level optional actions for roles written exactly to the prerequisites doc', async () => {
    // Arrange
    const view = aView({ roles: [aRoleWithPolicy('k8s-control-plane', allowDocument(cp.required)), aRoleWithPolicy('k8s-worker', allowDocument(worker.required))] });

    // Act
    const { drafts } = await audit(view, aCluster());

    // Assert
    expect(drafts.map((d) => [d.check, d.action])).toEqual(cp.optional.map((a) => ['iam.optional.denied', a]));
    expect(drafts.filter((d) => d.check !== 'iam.optional.denied')).toEqual([]);
  });

  it('reports a grant that needs context the provider does not send as "allowed only with context"', async () => {
    // Arrange
    const conditioned = allowDocument(worker.required.filter((a) => a !== 'ecr:BatchGetImage'), [
      { Effect: 'Allow', Action: 'ecr:BatchGetImage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } },
    ]);
    const view = aView({ roles: [aRoleWithPolicy('k8s-worker', conditioned)] });

    // Act
    const { drafts } = await audit(view, aCluster({ roles: { worker: DEFAULTS.workerRoleArn } }));

    // Assert
    expect(drafts.map((d) => [d.check, d.action, d.title])).toEqual([
      ['iam.required.denied', 'ecr:BatchGetImage', 'Required action allowed only with context [aws:PrincipalTag/team]'],
    ]);
  });

  it('decides IAM actions in us-east-1, where IAM\'s endpoint is: a region guardrail that forgot iam:* denies iam:CreateServiceLinkedRole', async () => {
    // Arrange: every required action, and a Deny outside the cluster region that exempts only sts:*
    const guardrail = { Sid: 'DenyOtherRegions', Effect: 'Deny', NotAction: ['sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [DEFAULTS.region] } } };
    const exempted = { ...guardrail, NotAction: ['sts:*', 'iam:*'] };
    const view = (deny: Record<string, unknown>) => aView({ roles: [aRoleWithPolicy('k8s-control-plane', allowDocument([...cp.required, ...cp.optional], [deny]))] });
    const cluster = aCluster({ roles: { controlPlane: DEFAULTS.controlPlaneRoleArn } });

    // Act
    const forgot = await audit(view(guardrail), cluster);
    const fine = await audit(view(exempted), cluster);

    // Assert
    expect(forgot.drafts.map((d) => [d.check, d.action, d.evidence?.reason])).toEqual([['iam.required.denied', 'iam:CreateServiceLinkedRole', 'explicitDeny']]);
    expect(forgot.drafts[0]?.evidence?.context).toEqual(expect.objectContaining({ 'aws:RequestedRegion': ['us-east-1'] }));
    expect(fine.drafts).toEqual([]);
  });

  it('decides EC2 actions with ec2:Region = the cluster region (AWS\'s "full EC2 access within a specific Region" policy)', async () => {
    // Arrange: the worker's EC2 actions granted only through ec2:Region, in the cluster's region or in another one
    const ec2 = worker.required.filter((a) => a.startsWith('ec2:'));
    const scoped = (region: string) =>
      aView({ roles: [aRoleWithPolicy('k8s-worker', allowDocument(worker.required.filter((a) => !a.startsWith('ec2:')), [{ Effect: 'Allow', Action: ec2, Resource: '*', Condition: { StringEquals: { 'ec2:Region': region } } }]))] });
    const cluster = aCluster({ roles: { worker: DEFAULTS.workerRoleArn } });

    // Act
    const inRegion = await audit(scoped(DEFAULTS.region), cluster);
    const elsewhere = await audit(scoped('eu-west-1'), cluster);

    // Assert
    expect(inRegion.drafts).toEqual([]);
    expect(elsewhere.drafts.map((d) => [d.check, d.action, d.evidence?.reason])).toEqual(ec2.map((a) => ['iam.required.denied', a, 'implicitDeny']));
  });

  it('reports a managed policy missing from the data as could not check', async () => {
    // Arrange
    const role = aRole({ name: 'k8s-worker', attachedPolicies: [{ arn: 'arn:aws:iam::123456789012:policy/gone', name: 'gone' }] });

    // Act
    const { drafts } = await audit(aView({ roles: [role] }), aCluster({ roles: { worker: DEFAULTS.workerRoleArn } }));

    // Assert
    expect(drafts).toHaveLength(worker.required.length + 1);
    expect(drafts.every((d) => d.status === 'error' && d.detail.includes('policy/gone'))).toBe(true);
  });

  describe('generator round trip: the generated policy as a role\'s only policy audits clean', () => {
    const cases = PRESET_NAMES.flatMap((preset) => [false, true].map((tagScoped) => [preset, tagScoped] as const));

    it.each(cases)('%s (tag-scoped: %s), both roles, optional actions included', async (preset, tagScoped) => {
      // Arrange
      const cluster = aCluster({ preset });
      const doc = (role: 'control-plane' | 'worker') => generatePolicy({ preset, role, cluster: cluster.name, tagScoped, includeOptional: true });
      const view = aView({ roles: [aRoleWithPolicy('k8s-control-plane', doc('control-plane')), aRoleWithPolicy('k8s-worker', doc('worker'))] });

      // Act
      const { drafts, iam } = await audit(view, cluster);

      // Assert
      expect(drafts).toEqual([]);
      expect(iam.rolesExamined).toBe(2);
    });

    it.each(PRESET_NAMES)('%s without optional actions: only iam.optional.denied (info) remains', async (preset) => {
      // Arrange: a role with nothing required (the kops node role) gets a harmless accepted grant instead
      const p = presetByName(preset);
      const policyFor = (role: 'control-plane' | 'worker') =>
        p[role === 'control-plane' ? 'controlPlane' : 'worker'].required.length > 0
          ? generatePolicy({ preset, role, cluster: 'prod', tagScoped: true })
          : allowDocument(['sts:GetCallerIdentity']);
      const view = aView({ roles: [aRoleWithPolicy('k8s-control-plane', policyFor('control-plane')), aRoleWithPolicy('k8s-worker', policyFor('worker'))] });
      const accepted = aCluster({ preset, allowedExcess: { worker: ['sts:GetCallerIdentity'], controlPlane: ['sts:GetCallerIdentity'] } });

      // Act
      const { drafts } = await audit(view, accepted);

      // Assert
      expect(drafts.map((d) => [d.check, d.action])).toEqual([...p.controlPlane.optional, ...p.worker.optional].map((a) => ['iam.optional.denied', a]));
    });
  });
});

describe('analyseIam when the decision source leaves an action unanswered', () => {
  it('records it as the reason the role could not be checked instead of dropping the action', async () => {
    // Arrange: a source that answers every action but one
    const view = aView({ roles: [aRole({ name: 'k8s-worker' })] });
    const local = new LocalPolicyDecisionSource(view);
    const lossy = {
      engine: 'local' as const,
      async decide(request: Parameters<LocalPolicyDecisionSource['decide']>[0]) {
        return (await local.decide(request)).filter((d) => d.action !== 'ec2:DescribeRegions');
      },
    };

    // Act
    const analysis = await analyseIam(view, aCluster({ roles: { worker: DEFAULTS.workerRoleArn } }), lossy);

    // Assert
    expect(analysis.roles[0]?.decisionError).toContain('returned no decision for ec2:DescribeRegions');
    expect(analysis.roles[0]?.decisions).toBeUndefined();
  });
});
