import { describe, expect, it } from '@jest/globals';
import { compileActionMatcher } from '../../../../lib/domain/policy/evaluator/action-matcher.js';

const matches = (patterns: string[], action: string) => {
  const lower = action.toLowerCase();
  return compileActionMatcher(patterns).matches(lower, lower.slice(0, lower.indexOf(':')));
};

describe('compileActionMatcher', () => {
  const cases: [string[], string, boolean][] = [
    [['*'], 'iam:PassRole', true],
    [['ec2:*'], 'ec2:RunInstances', true],
    [['ec2:*'], 'ec2messages:GetMessages', false],
    [['EC2:*'], 'ec2:RunInstances', true],
    [['ec2:Describe*'], 'ec2:DescribeVpcs', true],
    [['ec2:Describe*'], 'autoscaling:DescribeTags', false],
    [['ec2:DescribeVpcs'], 'EC2:describevpcs', true],
    [['ec2:DescribeVpcs', 'ec2:CreateTags'], 'ec2:CreateTags', true],
    [['ec2:Get*', 'ec2:List*'], 'ec2:CreateTags', false],
    [['*:Describe*'], 'elasticloadbalancing:DescribeListeners', true],
    [['ec*:Describe*'], 'ecr:DescribeRepositories', true],
    [['ec*:Describe*'], 'iam:DescribeRole', false],
    [['ec2:Describe?pcs'], 'ec2:DescribeVpcs', true],
    [[], 'ec2:DescribeVpcs', false],
  ];
  it.each(cases)('%j matches %s -> %s', (patterns, action, expected) => {
    expect(matches(patterns, action)).toBe(expected);
  });

  it('keeps the patterns as written', () => {
    expect(compileActionMatcher(['EC2:Describe*']).patterns).toEqual(['EC2:Describe*']);
  });
});
