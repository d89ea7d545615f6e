import { describe, expect, it } from '@jest/globals';
import { checkRoleMissing, checkRoleTrust, roleResource } from '../../../../lib/domain/checks/iam/role-checks.js';
import { aRole, DEFAULTS } from '../../../support/builders.js';
import { aRoleInput } from '../../../support/iam.js';

describe('checkRoleMissing', () => {
  it('passes when the role exists', () => {
    expect(checkRoleMissing(aRoleInput('worker'))).toEqual([]);
  });

  it('fails when the configured role does not exist', () => {
    // Act
    const drafts = checkRoleMissing(aRoleInput('worker', { role: undefined }));

    // Assert
    expect(drafts).toEqual([
      {
        check: 'iam.role.missing',
        resource: { type: 'AWS::IAM::Role', id: DEFAULTS.workerRoleArn, arn: DEFAULTS.workerRoleArn },
        detail: `worker role k8s-worker (${DEFAULTS.workerRoleArn}) is configured but does not exist in the account.`,
        evidence: { configuredArn: DEFAULTS.workerRoleArn, roleKeys: ['worker'] },
      },
    ]);
  });

  it('is an error, not a pass or a fail, when roles could not be collected', () => {
    // Act
    const drafts = checkRoleMissing(aRoleInput('worker', { role: undefined, unavailable: 'AccessDenied (iam:GetAccountAuthorizationDetails)' }));

    // Assert
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toEqual(expect.objectContaining({ check: 'iam.role.missing', status: 'error' }));
    expect(drafts[0]?.detail).toContain('AccessDenied');
  });
});

describe('checkRoleTrust', () => {
  it('passes for a role EC2 may assume', () => {
    expect(checkRoleTrust(aRoleInput('worker'))).toEqual([]);
  });

  it('fails when the trust policy admits another service only', () => {
    // Arrange
    const role = aRole({ name: 'k8s-worker', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } });

    // Act
    const drafts = checkRoleTrust(aRoleInput('worker', { role }));

    // Assert
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toEqual(expect.objectContaining({ check: 'iam.role.trust', resource: roleResource(aRoleInput('worker', { role })) }));
    expect(drafts[0]?.status).toBeUndefined();
    expect(drafts[0]?.evidence).toEqual(expect.objectContaining({ reason: 'no-allow' }));
    expect(drafts[0]?.remediation).toContain('aws iam update-assume-role-policy');
  });

  it('fails with the denying statement on an explicit deny', () => {
    const role = aRole({
      name: 'k8s-worker',
      trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }, { Sid: 'No', Effect: 'Deny', Principal: '*', Action: '*' }] },
    });
    const [draft] = checkRoleTrust(aRoleInput('worker', { role }));
    expect(draft?.detail).toContain('explicitly denies');
    expect(draft?.evidence).toEqual(expect.objectContaining({ reason: 'explicit-deny', deniedBy: [{ index: 1, sid: 'No' }] }));
  });

  it('is an error when the trust policy is absent, malformed or conditional', () => {
    const absent = aRole({ name: 'k8s-worker', trustPolicy: undefined });
    const malformed = aRole({ name: 'k8s-worker', trustPolicy: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] } });
    const conditional = aRole({
      name: 'k8s-worker',
      trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] },
    });
    for (const role of [absent, malformed, conditional]) {
      const drafts = checkRoleTrust(aRoleInput('worker', { role }));
      expect(drafts.map((d) => [d.check, d.status])).toEqual([['iam.role.trust', 'error']]);
    }
  });

  it('says nothing about a missing role (iam.role.missing covers it), but errors when roles could not be collected', () => {
    expect(checkRoleTrust(aRoleInput('worker', { role: undefined }))).toEqual([]);
    expect(checkRoleTrust(aRoleInput('worker', { role: undefined, unavailable: 'throttled' }))[0]?.status).toBe('error');
  });
});
