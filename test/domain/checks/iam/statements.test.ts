import { describe, expect, it } from '@jest/globals';
import { grantingSummary, grantsEverything, lookupStatement } from '../../../../lib/domain/checks/iam/statements.js';
import { aRole, aView } from '../../../support/builders.js';
import { aDecision, anInlineStatement } from '../../../support/iam.js';

describe('lookupStatement', () => {
  const managedArn = 'arn:aws:iam::123456789012:policy/k8s-managed';
  const role = aRole({
    name: 'r',
    inlinePolicies: [{ name: 'k8s', document: { Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }, { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] } }],
    attachedPolicies: [{ arn: managedArn, name: 'k8s-managed' }],
  });
  const view = aView({ roles: [role], managedPolicies: [{ arn: managedArn, name: 'k8s-managed', document: { Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } } }] });

  it('finds inline statements by index or Sid, managed ones by ARN', () => {
    expect(lookupStatement(view, role, anInlineStatement('k8s', { statementIndex: 1 }))).toEqual(expect.objectContaining({ Sid: 'All' }));
    expect(lookupStatement(view, role, { policyId: 'k8s', policyType: 'inline', sid: 'All' })).toEqual(expect.objectContaining({ Action: '*' }));
    expect(lookupStatement(view, role, { policyId: managedArn, policyType: 'managed' })).toEqual(expect.objectContaining({ NotAction: 'iam:*' }));
  });

  it('returns undefined when the document or statement is unknown', () => {
    expect(lookupStatement(view, role, anInlineStatement('other'))).toBeUndefined();
    expect(lookupStatement(view, role, { policyId: 'k8s', policyType: 'inline' })).toBeUndefined();
  });
});

describe('grantsEverything', () => {
  it('is true for Allow "*", "*:*" and NotAction; false otherwise', () => {
    expect(grantsEverything({ Effect: 'Allow', Action: '*' })).toBe(true);
    expect(grantsEverything({ Effect: 'Allow', Action: ['ec2:*', '*:*'] })).toBe(true);
    expect(grantsEverything({ Effect: 'Allow', NotAction: 'iam:*' })).toBe(true);
    expect(grantsEverything({ Effect: 'Allow', Action: 'ec2:*' })).toBe(false);
    expect(grantsEverything({ Effect: 'Deny', Action: '*' })).toBe(false);
  });
});

describe('grantingSummary', () => {
  it('counts the actions each allowing statement grants, most first, ignoring boundary statements', () => {
    // Arrange
    const a = anInlineStatement('a');
    const b = anInlineStatement('b', { sid: 'B' });
    const boundary = { policyId: 'arn:aws:iam::123456789012:policy/boundary', policyType: 'boundary', effect: 'Allow' as const };

    // Act
    const summary = grantingSummary([
      aDecision('ec2:A', { matchedStatements: [a, boundary] }),
      aDecision('ec2:B', { matchedStatements: [b] }),
      aDecision('ec2:C', { matchedStatements: [b] }),
    ]);

    // Assert
    expect(summary).toEqual([
      { policy: 'b', policyType: 'inline', statement: 'B', effect: 'Allow', actions: 2 },
      { policy: 'a', policyType: 'inline', statement: '#0', effect: 'Allow', actions: 1 },
    ]);
  });
});
