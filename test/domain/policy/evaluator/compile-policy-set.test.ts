import { describe, expect, it } from '@jest/globals';
import { compilePolicySet } from '../../../../lib/domain/policy/evaluator/compile-policy-set.js';
import { InvalidEvaluationRequestError, PolicyDocumentError } from '../../../../lib/domain/policy/errors.js';

const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

describe('compilePolicySet', () => {
  it('evaluates many actions against the same compiled policies', () => {
    // Arrange
    const set = compilePolicySet({
      identityPolicies: [{ id: 'ccm', document: doc({ Effect: 'Allow', Action: ['ec2:Describe*', 'elasticloadbalancing:*'], Resource: '*' }) }],
    });
    const actions = ['ec2:DescribeInstances', 'ec2:CreateTags', 'elasticloadbalancing:CreateLoadBalancer', 'iam:PassRole'];

    // Act
    const decisions = actions.map((action) => set.evaluate({ action }).decision);
    const again = actions.map((action) => set.evaluate({ action }).decision);

    // Assert
    expect(decisions).toEqual(['allowed', 'implicitDeny', 'allowed', 'implicitDeny']);
    expect(again).toEqual(decisions);
  });

  it('lists every statement with its reference, identity policies first', () => {
    // Act
    const set = compilePolicySet({
      identityPolicies: [{ id: 'a', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }],
      permissionsBoundaries: [{ id: 'b', document: doc({ Sid: 'B', Effect: 'Allow', Action: 'ec2:*', Resource: '*' }) }],
    });

    // Assert
    expect(set.hasBoundary).toBe(true);
    expect(set.statements.map((s) => [s.section, s.ref.policyId, s.ref.policyType, s.ref.sid, s.boundaryIndex])).toEqual([
      ['identity', 'a', 'inline', undefined, undefined],
      ['boundary', 'b', 'boundary', 'B', 0],
    ]);
  });

  it('uses the same request context for every action without re-reading it', () => {
    // Arrange
    const set = compilePolicySet({
      identityPolicies: [doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/KubernetesCluster': 'prod' } } })],
    });
    const context = { 'aws:ResourceTag/KubernetesCluster': ['prod'] };

    // Act
    const results = ['ec2:AttachVolume', 'ec2:DetachVolume'].map((action) => set.evaluate({ action, context }));

    // Assert
    expect(results.map((r) => r.decision)).toEqual(['allowed', 'allowed']);
  });

  it('fails at compile time on an invalid document, naming the policy', () => {
    // Act
    const act = () =>
      compilePolicySet({
        identityPolicies: [
          { id: 'good', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
          { id: 'arn:aws:iam::123456789012:policy/broken', document: doc({ Effect: 'Permit', Action: '*', Resource: '*' }) },
        ],
      });

    // Assert
    expect(act).toThrow(PolicyDocumentError);
    expect(act).toThrow('policy "arn:aws:iam::123456789012:policy/broken" Statement[0].Effect');
  });

  it.each([['DescribeInstances'], ['ec2:'], [':Describe'], ['ec2:Describe*'], ['ec2:DescribeVpc?']])(
    'rejects the request action %j',
    (action) => {
      // Arrange
      const set = compilePolicySet({ identityPolicies: [] });

      // Act
      const act = () => set.evaluate({ action });

      // Assert
      expect(act).toThrow(InvalidEvaluationRequestError);
    },
  );
});
