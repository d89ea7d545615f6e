import { describe, expect, it } from '@jest/globals';
import { checkRequirements } from '../../../../lib/domain/checks/iam/requirement-checks.js';
import { presetByName } from '../../../../lib/domain/requirements/presets.js';
import { aCluster } from '../../../support/builders.js';
import { aRoleInput, decisionsFor } from '../../../support/iam.js';

const cluster = aCluster();
const cp = presetByName('cloud-provider-aws').controlPlane;
const worker = presetByName('cloud-provider-aws').worker;

describe('checkRequirements', () => {
  it('passes when every required and optional action is allowed', () => {
    const input = aRoleInput('controlPlane', { decisions: decisionsFor([...cp.required, ...cp.optional]) });
    expect(checkRequirements(input, cluster)).toEqual([]);
  });

  it('reports each missing optional action as iam.optional.denied (info by default)', () => {
    // Act
    const drafts = checkRequirements(aRoleInput('controlPlane', { decisions: decisionsFor(cp.required) }), cluster);

    // Assert
    expect(drafts.map((d) => [d.check, d.action])).toEqual(cp.optional.map((a) => ['iam.optional.denied', a]));
    expect(drafts[0]?.severity).toBeUndefined();
    expect(drafts[0]?.remediation).toMatch(/^Only if the feature is used: /);
  });

  it('reports a missing required action with the reason and the generator command', () => {
    // Arrange
    const allowed = worker.required.filter((a) => a !== 'ecr:BatchGetImage');

    // Act
    const drafts = checkRequirements(aRoleInput('worker', { decisions: decisionsFor(allowed) }), cluster);

    // Assert
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toEqual(
      expect.objectContaining({
        check: 'iam.required.denied',
        action: 'ecr:BatchGetImage',
        detail: 'worker role k8s-worker cannot call ecr:BatchGetImage: no policy statement allows it (implicit deny).',
        remediation: 'Grant the action. Least-privilege policy: kube-aws-audit policy --preset cloud-provider-aws --role worker --cluster prod',
      }),
    );
    expect(drafts[0]?.evidence).toEqual(expect.objectContaining({ reason: 'implicitDeny', decision: 'implicitDeny' }));
  });

  it('explains explicit deny, boundary, SCP and missing context per action', () => {
    // Arrange
    const decisions = decisionsFor(worker.required, [], {
      'ec2:DescribeInstances': { decision: 'explicitDeny', matchedStatements: [{ policyId: 'deny', policyType: 'inline', statementIndex: 0, sid: 'NoDescribe', effect: 'Deny' }] },
      'ec2:DescribeRegions': { decision: 'implicitDeny', allowedByBoundary: false },
      'ecr:ListImages': { decision: 'implicitDeny', allowedByOrganizations: false },
      'ecr:BatchGetImage': { decision: 'implicitDeny', matchedStatements: [], missingContextKeys: ['aws:ResourceTag/team'] },
    });

    // Act
    const drafts = checkRequirements(aRoleInput('worker', { decisions }), cluster);

    // Assert
    const byAction = new Map(drafts.map((d) => [d.action, d]));
    expect(byAction.get('ec2:DescribeInstances')?.evidence).toEqual(
      expect.objectContaining({ reason: 'explicitDeny', deniedBy: [{ policy: 'deny', policyType: 'inline', statement: 'NoDescribe', effect: 'Deny' }] }),
    );
    expect(byAction.get('ec2:DescribeRegions')?.evidence).toEqual(expect.objectContaining({ reason: 'boundary', allowedByBoundary: false }));
    expect(byAction.get('ecr:ListImages')?.evidence).toEqual(expect.objectContaining({ reason: 'scp', allowedByOrganizations: false }));
    const ctx = byAction.get('ecr:BatchGetImage');
    expect(ctx?.status).toBeUndefined();
    expect(ctx?.title).toBe('Required action allowed only with context [aws:ResourceTag/team]');
    expect(ctx?.evidence).toEqual(expect.objectContaining({ reason: 'missing-context', missingContextKeys: ['aws:ResourceTag/team'] }));
    expect(drafts).toHaveLength(4);
  });

  it('points kops roles to the tag-scoped generator', () => {
    const kops = aCluster({ preset: 'kops' });
    const input = aRoleInput('controlPlane', { decisions: decisionsFor([]) }, kops);
    const [draft] = checkRequirements(input, kops);
    expect(draft?.remediation).toContain('kube-aws-audit policy --preset kops --role control-plane --cluster prod --tag-scoped');
  });

  it('flags a required action missing from the engine\'s answer as could not check', () => {
    // Arrange
    const decisions = decisionsFor(worker.required).filter((d) => d.action !== 'ecr:ListImages');

    // Act
    const drafts = checkRequirements(aRoleInput('worker', { decisions }), cluster);

    // Assert
    expect(drafts.map((d) => [d.check, d.action, d.status])).toEqual([['iam.required.denied', 'ecr:ListImages', 'error']]);
  });

  it('flags an extraRequired wildcard it cannot list as could not check', () => {
    // Arrange
    const withExtra = aCluster({ extraRequired: { worker: ['lambda:Get*'] } });

    // Act
    const drafts = checkRequirements(aRoleInput('worker', { decisions: decisionsFor(worker.required) }, withExtra), withExtra);

    // Assert
    expect(drafts.map((d) => [d.check, d.action, d.status])).toEqual([['iam.required.denied', 'lambda:Get*', 'error']]);
  });

  it('notes an extraRequired action that is not in the catalogue (typo)', () => {
    const withTypo = aCluster({ extraRequired: { worker: ['ec2:DescribeInstanceTypo'] } });
    const [draft] = checkRequirements(aRoleInput('worker', { decisions: decisionsFor(worker.required, ['ec2:DescribeInstanceTypo']) }, withTypo), withTypo);
    expect(draft?.detail).toContain('not in the catalogue');
  });

  it('gives one error draft per required and optional action when the decisions failed', () => {
    // Act
    const drafts = checkRequirements(aRoleInput('controlPlane', { decisionError: 'Rate exceeded' }), cluster);

    // Assert
    expect(drafts).toHaveLength(cp.required.length + cp.optional.length);
    expect(drafts.every((d) => d.status === 'error' && d.detail.endsWith('Rate exceeded'))).toBe(true);
    expect(drafts.filter((d) => d.check === 'iam.required.denied')).toHaveLength(57);
  });

  it('gives error drafts when the role could not be collected, nothing when it is simply missing', () => {
    expect(checkRequirements(aRoleInput('worker', { role: undefined, unavailable: 'AccessDenied' }), cluster)).toHaveLength(9);
    expect(checkRequirements(aRoleInput('worker', { role: undefined }), cluster)).toEqual([]);
  });
});
