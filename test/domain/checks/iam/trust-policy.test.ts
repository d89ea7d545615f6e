import { describe, expect, it } from '@jest/globals';
import { evaluateTrustPolicy } from '../../../../lib/domain/checks/iam/trust-policy.js';
import { parsePolicyDocument } from '../../../../lib/domain/policy/document.js';
import type { PolicyDocument } from '../../../../lib/domain/model/account-view.js';

const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const ec2Allow = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

describe('evaluateTrustPolicy', () => {
  it('allows the standard EC2 trust policy', () => {
    expect(evaluateTrustPolicy(doc(ec2Allow))).toEqual({ outcome: 'allowed', allowedBy: [{ index: 0 }] });
  });

  it('accepts a single statement object, Service lists, action lists, wildcards and any casing of the action', () => {
    const variants: PolicyDocument[] = [
      { Version: '2012-10-17', Statement: ec2Allow },
      doc({ Sid: 'Ec2', Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] }, Action: ['sts:TagSession', 'sts:AssumeRole'] }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:*' }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'STS:assumerole' }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: '*' }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com.cn' }, Action: 'sts:Assume?ole' }),
      doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }),
      doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, NotAction: 'sts:AssumeRoleWithSAML' }),
      doc({ Effect: 'Allow', NotPrincipal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ];
    for (const d of variants) expect(evaluateTrustPolicy(d).outcome).toBe('allowed');
  });

  it('reads a URL-encoded trust policy once decoded as the adapters do', () => {
    // Arrange
    const encoded = encodeURIComponent(JSON.stringify(doc(ec2Allow)));

    // Act
    const verdict = evaluateTrustPolicy(parsePolicyDocument(encoded, 'AssumeRolePolicyDocument'));

    // Assert
    expect(verdict.outcome).toBe('allowed');
  });

  it('denies when no statement allows ec2.amazonaws.com to assume the role', () => {
    const variants: PolicyDocument[] = [
      doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
      doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }),
      doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, NotAction: 'sts:AssumeRole' }),
      doc({ Effect: 'Allow', NotPrincipal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      doc(),
    ];
    for (const d of variants) expect(evaluateTrustPolicy(d)).toEqual({ outcome: 'denied', reason: 'no-allow', deniedBy: [] });
  });

  it('lets an explicit Deny win over the Allow', () => {
    // Act
    const verdict = evaluateTrustPolicy(doc(ec2Allow, { Sid: 'NoEc2', Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:*' }));

    // Assert
    expect(verdict).toEqual({ outcome: 'denied', reason: 'explicit-deny', deniedBy: [{ index: 1, sid: 'NoEc2' }] });
  });

  it('cannot tell when only a conditional statement allows, or a conditional Deny may block', () => {
    const conditional = { ...ec2Allow, Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } };
    expect(evaluateTrustPolicy(doc(conditional))).toEqual({ outcome: 'undetermined', reason: 'it is allowed only under conditions', statements: [{ index: 0 }] });
    expect(evaluateTrustPolicy(doc(ec2Allow, { ...conditional, Effect: 'Deny' })).outcome).toBe('undetermined');
  });

  it('ignores an empty Condition', () => {
    expect(evaluateTrustPolicy(doc({ ...ec2Allow, Condition: {} })).outcome).toBe('allowed');
  });

  it('reports malformed statements instead of guessing', () => {
    expect(evaluateTrustPolicy(doc({ Effect: 'Permit', Principal: '*', Action: 'sts:AssumeRole' }))).toEqual({
      outcome: 'malformed',
      reason: 'Statement[0].Effect must be Allow or Deny, got "Permit"',
    });
    expect(evaluateTrustPolicy(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' })).outcome).toBe('malformed');
    expect(evaluateTrustPolicy(doc({ Effect: 'Allow', Principal: '*', Action: 42 })).outcome).toBe('malformed');
    expect(evaluateTrustPolicy({ Statement: ['x'] }).outcome).toBe('malformed');
  });
});
