import { describe, expect, it } from '@jest/globals';
import { explainDenial, isAllowed } from '../../../../lib/domain/checks/iam/denial.js';
import { aDecision } from '../../../support/iam.js';

describe('isAllowed', () => {
  it('needs an allowed decision not blocked by a boundary or an SCP', () => {
    expect(isAllowed(aDecision('ec2:DescribeInstances'))).toBe(true);
    expect(isAllowed(aDecision('ec2:DescribeInstances', { allowedByBoundary: false }))).toBe(false);
    expect(isAllowed(aDecision('ec2:DescribeInstances', { allowedByOrganizations: false }))).toBe(false);
    expect(isAllowed(aDecision('ec2:DescribeInstances', { decision: 'implicitDeny' }))).toBe(false);
  });
});

describe('explainDenial', () => {
  it('names the denying statements of an explicit deny', () => {
    // Arrange
    const d = aDecision('ec2:CreateRoute', {
      decision: 'explicitDeny',
      matchedStatements: [
        { policyId: 'k8s', policyType: 'inline', statementIndex: 0, effect: 'Allow' },
        { policyId: 'arn:aws:iam::123456789012:policy/lockdown', policyType: 'managed', statementIndex: 2, sid: 'NoRoutes', effect: 'Deny' },
      ],
    });

    // Act
    const denial = explainDenial(d);

    // Assert
    expect(denial).toEqual({
      reason: 'explicitDeny',
      explanation: 'explicitly denied by managed policy arn:aws:iam::123456789012:policy/lockdown (statement NoRoutes)',
      deniedBy: [{ policy: 'arn:aws:iam::123456789012:policy/lockdown', policyType: 'managed', statement: 'NoRoutes', effect: 'Deny' }],
    });
  });

  it('takes the statements without effect as the denying ones when the engine gives none (AWS simulation)', () => {
    const d = aDecision('ec2:CreateRoute', { decision: 'explicitDeny', matchedStatements: [{ policyId: 'lockdown', policyType: 'IAM Policy' }] });
    expect(explainDenial(d).deniedBy).toEqual([{ policy: 'lockdown', policyType: 'IAM Policy' }]);
  });

  it('says boundary when the boundary blocks an identity grant', () => {
    expect(explainDenial(aDecision('ec2:CreateRoute', { decision: 'implicitDeny', allowedByBoundary: false })).reason).toBe('boundary');
  });

  it('says scp first when an SCP blocks it', () => {
    expect(explainDenial(aDecision('ec2:CreateRoute', { decision: 'explicitDeny', allowedByOrganizations: false })).reason).toBe('scp');
  });

  it('says "allowed only with context" with the keys', () => {
    // Act
    const denial = explainDenial(aDecision('ec2:DeleteSecurityGroup', { decision: 'implicitDeny', missingContextKeys: ['aws:ResourceTag/team'] }));

    // Assert
    expect(denial).toEqual({
      reason: 'missing-context',
      explanation: 'allowed only with context [aws:ResourceTag/team]',
      missingContextKeys: ['aws:ResourceTag/team'],
    });
  });

  it('falls back to implicit deny', () => {
    expect(explainDenial(aDecision('ec2:CreateRoute', { decision: 'implicitDeny' })).reason).toBe('implicitDeny');
  });
});
