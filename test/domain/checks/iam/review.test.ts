/**
 * Adversarial review of the IAM checks, end to end over the local evaluator: effective excess (identity ∩
 * boundary minus explicit denies), admin, service wildcards, privilege escalation, "allowed only with context",
 * the trust policy, and the evidence that names policies and statements.
 */
import { describe, expect, it } from '@jest/globals';
import { analyseIam } from '../../../../lib/app/analyse-iam.js';
import { explainDenial, evaluateTrustPolicy, runIamChecks } from '../../../../lib/domain/checks/iam/index.js';
import type { FindingDraft } from '../../../../lib/domain/findings/finding.js';
import type { AccountView, PolicyDocument, Role } from '../../../../lib/domain/model/account-view.js';
import { catalog } from '../../../../lib/domain/policy/catalog/index.js';
import { LocalPolicyDecisionSource } from '../../../../lib/domain/policy/local-decision-source.js';
import { presetByName } from '../../../../lib/domain/requirements/presets.js';
import { aCluster, aRole, aView, DEFAULTS } from '../../../support/builders.js';
import { aDecision } from '../../../support/iam.js';

type Statement = Record<string, unknown>;
const cluster = aCluster();
const worker = presetByName('cloud-provider-aws').worker;
const BOUNDARY_ARN = `arn:aws:iam::${DEFAULTS.account}:policy/k8s-boundary`;
const doc = (...statements: Statement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

/** A view whose worker role has one inline policy `k8s` (and optionally a boundary); the control plane role is absent. */
function workerView(policy: PolicyDocument, boundary?: PolicyDocument, overrides: Partial<Role> = {}): AccountView {
  const role = aRole({
    name: 'k8s-worker',
    inlinePolicies: [{ name: 'k8s', document: policy }],
    ...(boundary ? { permissionsBoundaryArn: BOUNDARY_ARN } : {}),
    ...overrides,
  });
  return aView({ roles: [role], managedPolicies: boundary ? [{ arn: BOUNDARY_ARN, name: 'k8s-boundary', document: boundary }] : [] });
}

async function audit(view: AccountView): Promise<FindingDraft[]> {
  const workerOnly = aCluster({ roles: { worker: DEFAULTS.workerRoleArn } });
  const iam = await analyseIam(view, workerOnly, new LocalPolicyDecisionSource(view));
  return runIamChecks({ view, cluster: workerOnly }, iam);
}
const summary = (drafts: FindingDraft[]) => drafts.map((d) => `${d.check} ${d.action ?? ''}`.trim());

describe('IAM checks review: effective excess', () => {
  it('ec2:* within a boundary of ec2:Describe* is Read/List excess only, never a service wildcard', async () => {
    // Arrange
    const view = workerView(doc({ Sid: 'Ec2All', Effect: 'Allow', Action: [...worker.required, 'ec2:*'], Resource: '*' }), doc({ Effect: 'Allow', Action: [...worker.required, 'ec2:Describe*'], Resource: '*' }));

    // Act
    const drafts = await audit(view);

    // Assert
    expect(summary(drafts)).toEqual(['iam.excess.actions ec2:*']);
    const describe = catalog.actions('ec2').filter((a) => a.startsWith('ec2:Describe'));
    const excess = drafts[0]!.evidence!.excessByAccessLevel as Record<string, string[]>;
    const expected = describe.filter((a) => !worker.required.includes(a));
    expect(Object.values(excess).flat().sort()).toEqual(expected.sort());
    expect(Object.keys(excess).sort()).toEqual([...new Set(expected.map((a) => catalog.accessLevel(a)))].sort());
    expect(Object.keys(excess).every((level) => level === 'Read' || level === 'List')).toBe(true);
    expect(drafts[0]!.severity).toBe('low');
    expect(drafts[0]!.evidence!.grantedBy).toEqual([{ policy: 'k8s', policyType: 'inline', statement: 'Ec2All', effect: 'Allow', actions: describe.length - 2 }]);
  });

  it('"*" minus a Deny on iam:* is not admin: it is a wildcard on every other audited service, plus sts:AssumeRole on *', async () => {
    const view = workerView(doc({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoIam', Effect: 'Deny', Action: 'iam:*', Resource: '*' }));
    const drafts = await audit(view);
    const checks = summary(drafts);
    expect(checks).not.toContain('iam.excess.admin');
    expect(checks.filter((c) => c.startsWith('iam.excess.service-wildcard'))).toEqual(
      catalog.auditedServices().filter((s) => s !== 'iam').map((s) => `iam.excess.service-wildcard ${s}:*`),
    );
    expect(checks.filter((c) => c.startsWith('iam.excess.privilege-escalation'))).toEqual(['iam.excess.privilege-escalation sts:AssumeRole']);
  });

  it('"*" is admin, names the granting statement, and reports every escalation action', async () => {
    const drafts = await audit(workerView(doc({ Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' })));
    const admin = drafts.find((d) => d.check === 'iam.excess.admin');
    expect(admin?.evidence?.grantedBy).toEqual([{ policy: 'k8s', policyType: 'inline', statement: 'Admin', effect: 'Allow' }]);
    expect(drafts.filter((d) => d.check === 'iam.excess.service-wildcard')).toEqual([]);
    const escalations = drafts.filter((d) => d.check === 'iam.excess.privilege-escalation').map((d) => d.action);
    for (const action of ['iam:PassRole', 'iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:CreateAccessKey', 'iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']) {
      expect(escalations).toContain(action);
    }
  });

  it('a boundary Deny removes actions from the excess', async () => {
    const view = workerView(
      doc({ Effect: 'Allow', Action: [...worker.required, 'iam:PassRole', 'iam:GetRole'], Resource: '*' }),
      doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoPass', Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }),
    );
    const drafts = await audit(view);
    expect(summary(drafts)).toEqual(['iam.excess.actions iam:*']);
    expect(drafts[0]!.evidence!.excessByAccessLevel).toEqual({ Read: ['iam:GetRole'] });
  });

  it('iam:PassRole on one role ARN is not escalation on *; iam:PassRole on * is', async () => {
    const scoped = await audit(workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*' }, { Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${DEFAULTS.account}:role/ebs-csi` })));
    expect(summary(scoped)).toEqual([]);
    const wide = await audit(workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*' }, { Sid: 'Pass', Effect: 'Allow', Action: 'iam:passrole', Resource: '*' })));
    expect(summary(wide)).toEqual(['iam.excess.actions iam:*', 'iam.excess.privilege-escalation iam:PassRole']);
    expect(wide[1]!.evidence!.grantedBy).toEqual([{ policy: 'k8s', policyType: 'inline', statement: 'Pass', effect: 'Allow', actions: 1 }]);
  });

  it('sts:AssumeRole on * with a condition the cluster context satisfies is escalation; with an unmet condition it is not allowed', async () => {
    const tagged = { StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${cluster.name}`]: 'owned' } };
    const met = await audit(workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*' }, { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: tagged })));
    expect(summary(met)).toContain('iam.excess.privilege-escalation sts:AssumeRole');
    const unmet = await audit(workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*' }, { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'platform' } } })));
    expect(summary(unmet)).not.toContain('iam.excess.privilege-escalation sts:AssumeRole');
  });

  it('a required action allowed unconditionally but under a Deny on a missing key is "allowed only with context"', async () => {
    const view = workerView(doc(
      { Effect: 'Allow', Action: worker.required, Resource: '*' },
      { Sid: 'OnlyForPlatform', Effect: 'Deny', Action: 'ec2:DescribeRegions', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'platform' } } },
    ));
    const drafts = await audit(view);
    expect(drafts).toEqual([
      expect.objectContaining({
        check: 'iam.required.denied',
        action: 'ec2:DescribeRegions',
        title: 'Required action allowed only with context [aws:PrincipalTag/team]',
        evidence: expect.objectContaining({ reason: 'missing-context', missingContextKeys: ['aws:PrincipalTag/team'] }),
      }),
    ]);
  });

  it('an identity grant under a boundary Allow conditioned on a missing key is "allowed only with context", not "blocked by the boundary"', async () => {
    // Arrange
    const view = workerView(
      doc({ Effect: 'Allow', Action: worker.required, Resource: '*' }),
      doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }),
    );

    // Act
    const drafts = await audit(view);

    // Assert
    const denied = drafts.filter((d) => d.check === 'iam.required.denied');
    expect(denied).toHaveLength(worker.required.length);
    for (const d of denied) {
      expect(d.evidence).toEqual(expect.objectContaining({ reason: 'missing-context', missingContextKeys: ['aws:PrincipalTag/team'] }));
      expect(d.detail).toContain('allowed only with context [aws:PrincipalTag/team]');
    }
  });

  it('decides region-scoped grants with aws:RequestedRegion = the cluster region, instead of asking for context', async () => {
    // Arrange: the same required actions, granted only in the cluster's region, or only in another region
    const inRegion = workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': cluster.region } } }));
    const elsewhere = workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));

    // Act
    const allowed = await audit(inRegion);
    const denied = (await audit(elsewhere)).filter((d) => d.check === 'iam.required.denied');

    // Assert
    expect(allowed).toEqual([]);
    expect(denied).toHaveLength(worker.required.length);
    expect(denied.every((d) => (d.evidence as { reason?: string }).reason === 'implicitDeny')).toBe(true);
  });
});

describe('IAM checks review: explainDenial', () => {
  it('a plain boundary block stays "boundary"; a decision that suitable context could allow is "missing-context"', () => {
    expect(explainDenial(aDecision('ec2:RunInstances', { decision: 'implicitDeny', allowedByBoundary: false })).reason).toBe('boundary');
    expect(explainDenial(aDecision('ec2:RunInstances', { decision: 'implicitDeny', allowedByBoundary: false, missingContextKeys: ['aws:RequestedRegion'] })).reason).toBe('missing-context');
    expect(explainDenial(aDecision('ec2:RunInstances', { decision: 'explicitDeny', allowedByBoundary: false, missingContextKeys: [] })).reason).toBe('explicitDeny');
  });
});

describe('IAM checks review: trust policy', () => {
  const trust = (...statements: Statement[]): PolicyDocument => doc(...statements);

  it('a Service list naming ec2 and eks lets EC2 assume the role', () => {
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'eks.amazonaws.com'] }, Action: 'sts:AssumeRole' })).outcome).toBe('allowed');
  });

  it('Principal "*" lets EC2 assume it; with a Condition it cannot be told (never a pass)', () => {
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })).outcome).toBe('allowed');
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalAccount': DEFAULTS.account } } })).outcome).toBe('undetermined');
  });

  it('the account root as Principal does not let EC2 assume the role', () => {
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEFAULTS.account}:root` }, Action: 'sts:AssumeRole' }))).toEqual({ outcome: 'denied', reason: 'no-allow', deniedBy: [] });
  });

  it('sts:AssumeRoleWithWebIdentity or sts:TagSession alone do not count; sts:* and NotAction do', () => {
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'] })).outcome).toBe('denied');
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'STS:*' })).outcome).toBe('allowed');
    expect(evaluateTrustPolicy(trust({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, NotAction: 'sts:TagSession' })).outcome).toBe('allowed');
  });

  it('a root-principal trust policy is an iam.role.trust fail for the worker role', async () => {
    const view = workerView(doc({ Effect: 'Allow', Action: worker.required, Resource: '*' }), undefined, {
      trustPolicy: trust({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEFAULTS.account}:root` }, Action: 'sts:AssumeRole' }),
    });
    const drafts = await audit(view);
    expect(drafts).toEqual([expect.objectContaining({ check: 'iam.role.trust', evidence: expect.objectContaining({ reason: 'no-allow' }) })]);
    expect(drafts[0]!.status).toBeUndefined();
  });
});
