import { describe, expect, it } from '@jest/globals';
import { locateStatement } from '../../../lib/adapters/iam/statement-locator.js';
import type { SimulateInput } from './fake-aws-server.js';
import { simulateWithEvaluator, statementSpans } from './simulate-with-evaluator.js';

const PRETTY = `{
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Describe",
            "Effect": "Allow",
            "Action": ["ec2:Describe*", "ecr:GetAuthorizationToken"],
            "Resource": "*"
        },
        {
            "Sid": "NoDelete",
            "Effect": "Deny",
            "Action": "ec2:DeleteVolume",
            "Resource": "*"
        },
        {
            "Effect": "Allow",
            "Action": "ec2:*",
            "Resource": "*",
            "Condition": { "StringEquals": { "aws:ResourceTag/KubernetesCluster": "prod" } }
        }
    ]
}`;
const BOUNDARY = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } };

const input = (actions: string[], context: Record<string, string[]> = {}): SimulateInput => ({
  role: { Arn: 'arn:aws:iam::123456789012:role/worker' },
  identityPolicies: [{ id: 'nodes', type: 'inline', document: JSON.parse(PRETTY) as unknown, text: PRETTY }],
  permissionsBoundaries: [{ id: 'arn:aws:iam::123456789012:policy/boundary', type: 'boundary', document: BOUNDARY, text: JSON.stringify(BOUNDARY) }],
  actions,
  resource: '*',
  context,
});

describe('statementSpans', () => {
  it('finds each statement of a pretty-printed or single-line document, and a single statement object', () => {
    // Act
    const spans = statementSpans(PRETTY) ?? [];
    const single = statementSpans(JSON.stringify(BOUNDARY)) ?? [];

    // Assert
    expect(spans.map((s) => JSON.parse(PRETTY.slice(s.start, s.end)) as { Sid?: string })).toEqual([
      expect.objectContaining({ Sid: 'Describe' }),
      expect.objectContaining({ Sid: 'NoDelete' }),
      expect.objectContaining({ Action: 'ec2:*' }),
    ]);
    expect(single).toHaveLength(1);
    expect(statementSpans('not json')).toBeUndefined();
  });
});

describe('simulateWithEvaluator', () => {
  it('answers allowed, explicitDeny and implicitDeny with missing context, in the SDK EvaluationResult shape', () => {
    // Act
    const [describe, del, create] = simulateWithEvaluator()(input(['ec2:DescribeInstances', 'ec2:DeleteVolume', 'ec2:CreateTags']));

    // Assert
    expect(describe).toMatchObject({ EvalActionName: 'ec2:DescribeInstances', EvalResourceName: '*', EvalDecision: 'allowed', MissingContextValues: [] });
    expect(describe?.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: true });
    expect(del).toMatchObject({ EvalDecision: 'explicitDeny' });
    expect(create).toMatchObject({ EvalDecision: 'implicitDeny', MissingContextValues: ['aws:ResourceTag/KubernetesCluster'] });
  });

  it('gives statement positions the adapter\'s locator maps back to the statement, per source type style', () => {
    // Act
    const consoleStyle = simulateWithEvaluator()(input(['ec2:DeleteVolume']))[0];
    const apiStyle = simulateWithEvaluator({ sourcePolicyTypes: 'api' })(input(['ec2:DescribeInstances']))[0];

    // Assert
    const [deny] = consoleStyle?.MatchedStatements as { SourcePolicyId: string; SourcePolicyType: string; StartPosition: { Line: number; Column: number } }[];
    expect(deny).toMatchObject({ SourcePolicyId: 'nodes', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 10, Column: 9 } });
    expect(locateStatement(PRETTY, deny!.StartPosition.Line, deny!.StartPosition.Column)).toBe(1);
    const matched = apiStyle?.MatchedStatements as { SourcePolicyId: string; SourcePolicyType: string; StartPosition: { Line: number; Column: number } }[];
    expect(matched.map((m) => [m.SourcePolicyId, m.SourcePolicyType])).toEqual([
      ['nodes', 'role'],
      ['boundary', 'PermissionsBoundaryPolicy'],
    ]);
    expect(locateStatement(JSON.stringify(BOUNDARY), matched[1]!.StartPosition.Line, matched[1]!.StartPosition.Column)).toBe(0);
  });

  it('decides with the request context it is given', () => {
    // Act
    const [result] = simulateWithEvaluator()(input(['ec2:CreateTags'], { 'aws:ResourceTag/KubernetesCluster': ['prod'] }));

    // Assert
    expect(result).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] });
  });
});
