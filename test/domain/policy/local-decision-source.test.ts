import { describe, expect, it } from '@jest/globals';
import { emptyAccountView, type ManagedPolicy, type Role } from '../../../lib/domain/model/account-view.js';
import { PolicyDocumentError, PolicyUnavailableError } from '../../../lib/domain/policy/errors.js';
import { LocalPolicyDecisionSource } from '../../../lib/domain/policy/local-decision-source.js';

const ACCOUNT = '123456789012';
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const managed = (name: string, document: ManagedPolicy['document']): ManagedPolicy => ({
  arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
  name,
  defaultVersionId: 'v1',
  document,
});
const role = (overrides: Partial<Role> = {}): Role => ({
  arn: `arn:aws:iam::${ACCOUNT}:role/k8s-master`,
  name: 'k8s-master',
  path: '/',
  inlinePolicies: [],
  attachedPolicies: [],
  instanceProfiles: [],
  tags: {},
  ...overrides,
});

const ccm = managed('ccm', doc({ Sid: 'Ccm', Effect: 'Allow', Action: ['ec2:*', 'elasticloadbalancing:*'], Resource: '*' }));
const boundary = managed('boundary', doc({ Effect: 'Allow', Action: ['ec2:*', 'ecr:*'], Resource: '*' }));

describe('LocalPolicyDecisionSource', () => {
  it('is the local engine', () => {
    expect(new LocalPolicyDecisionSource(emptyAccountView()).engine).toBe('local');
  });

  it('combines inline policies, attached managed policies and the permissions boundary', async () => {
    // Arrange
    const r = role({
      inlinePolicies: [{ name: 'ecr-pull', document: doc({ Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' }) },
        { name: 'no-terminate', document: doc({ Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' }) }],
      attachedPolicies: [{ arn: ccm.arn, name: ccm.name }],
      permissionsBoundaryArn: boundary.arn,
    });
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r], managedPolicies: [ccm, boundary] }));

    // Act
    const decisions = await source.decide({
      role: r,
      actions: ['ec2:DescribeInstances', 'ecr:GetAuthorizationToken', 'ec2:TerminateInstances', 'elasticloadbalancing:CreateLoadBalancer', 'iam:PassRole'],
    });

    // Assert
    expect(decisions.map((d) => [d.action, d.decision, d.allowedByBoundary])).toEqual([
      ['ec2:DescribeInstances', 'allowed', true],
      ['ecr:GetAuthorizationToken', 'allowed', true],
      ['ec2:TerminateInstances', 'explicitDeny', true],
      ['elasticloadbalancing:CreateLoadBalancer', 'implicitDeny', false],
      ['iam:PassRole', 'implicitDeny', false],
    ]);
    expect(decisions[0]?.matchedStatements).toEqual([
      { policyId: ccm.arn, policyType: 'managed', statementIndex: 0, sid: 'Ccm', effect: 'Allow' },
      { policyId: boundary.arn, policyType: 'boundary', statementIndex: 0, effect: 'Allow' },
    ]);
    expect(decisions[1]?.matchedStatements[0]).toMatchObject({ policyId: 'ecr-pull', policyType: 'inline' });
    expect(decisions[2]?.matchedStatements).toEqual([{ policyId: 'no-terminate', policyType: 'inline', statementIndex: 0, effect: 'Deny' }]);
  });

  it('passes resource and context, reporting missing context keys', async () => {
    // Arrange
    const kops = managed('kops', doc({ Effect: 'Allow', Action: 'ec2:AttachVolume', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/KubernetesCluster': 'prod' } } }));
    const r = role({ attachedPolicies: [{ arn: kops.arn, name: kops.name }] });
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r], managedPolicies: [kops] }));

    // Act
    const [without] = await source.decide({ role: r, actions: ['ec2:AttachVolume'] });
    const [withContext] = await source.decide({ role: r, actions: ['ec2:AttachVolume'], context: { 'aws:ResourceTag/KubernetesCluster': ['prod'] } });
    const [otherResource] = await source.decide({ role: r, actions: ['ec2:AttachVolume'], resource: 'arn:aws:ec2:us-west-1:123456789012:volume/vol-1', context: { 'aws:ResourceTag/KubernetesCluster': ['prod'] } });

    // Assert
    expect(without).toMatchObject({ decision: 'implicitDeny', missingContextKeys: ['aws:ResourceTag/KubernetesCluster'] });
    expect(without).not.toHaveProperty('allowedByBoundary');
    expect(withContext).toMatchObject({ decision: 'allowed', missingContextKeys: [] });
    expect(otherResource).toMatchObject({ decision: 'allowed' });
  });

  it('decides a role without any policy as implicitDeny for every action', async () => {
    // Arrange
    const r = role();
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r] }));

    // Act
    const decisions = await source.decide({ role: r, actions: ['ec2:DescribeInstances', 'ec2:DescribeRegions'] });

    // Assert
    expect(decisions).toEqual([
      { action: 'ec2:DescribeInstances', decision: 'implicitDeny', matchedStatements: [], missingContextKeys: [] },
      { action: 'ec2:DescribeRegions', decision: 'implicitDeny', matchedStatements: [], missingContextKeys: [] },
    ]);
  });

  it('rejects with PolicyUnavailableError when an attached managed policy is not in the view', async () => {
    // Arrange
    const r = role({ attachedPolicies: [{ arn: ccm.arn, name: ccm.name }] });
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r], managedPolicies: [] }));

    // Act
    const act = source.decide({ role: r, actions: ['ec2:DescribeInstances'] });

    // Assert
    await expect(act).rejects.toThrow(PolicyUnavailableError);
    await expect(act).rejects.toMatchObject({ roleArn: r.arn, policyArn: ccm.arn, kind: 'managed' });
    await expect(act).rejects.toThrow(`role k8s-master (${r.arn}): attached managed policy ${ccm.arn} is not in the collected data`);
  });

  it('rejects with PolicyUnavailableError when the permissions boundary is not in the view', async () => {
    // Arrange
    const r = role({ permissionsBoundaryArn: boundary.arn });
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r], managedPolicies: [ccm] }));

    // Act
    const act = source.decide({ role: r, actions: ['ec2:DescribeInstances'] });

    // Assert
    await expect(act).rejects.toMatchObject({ name: 'PolicyUnavailableError', policyArn: boundary.arn, kind: 'boundary' });
  });

  it('rejects with PolicyDocumentError when a policy of the role is invalid', async () => {
    // Arrange
    const r = role({ inlinePolicies: [{ name: 'broken', document: doc({ Effect: 'Allow', Resource: '*' }) }] });
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r] }));

    // Act
    const act = source.decide({ role: r, actions: ['ec2:DescribeInstances'] });

    // Assert
    await expect(act).rejects.toThrow(PolicyDocumentError);
    await expect(act).rejects.toThrow('policy "broken" Statement[0].Action/NotAction');
  });

  it('compiles a role once and reuses it', async () => {
    // Arrange
    const r = role({ attachedPolicies: [{ arn: ccm.arn, name: ccm.name }] });
    const source = new LocalPolicyDecisionSource(emptyAccountView({ roles: [r], managedPolicies: [ccm] }));

    // Act
    const first = source.policySetFor(r);
    const second = source.policySetFor(r);

    // Assert
    expect(second).toBe(first);
  });
});
