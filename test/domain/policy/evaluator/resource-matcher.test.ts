import { describe, expect, it } from '@jest/globals';
import { compileResourceMatcher } from '../../../../lib/domain/policy/evaluator/resource-matcher.js';

describe('compileResourceMatcher', () => {
  const cases: [string[], string, boolean][] = [
    [['*'], '*', true],
    [['*'], 'arn:aws:ec2:us-west-1:123456789012:instance/i-1', true],
    [['arn:aws:ec2:*:*:instance/*'], '*', false],
    [['arn:aws:ec2:*:*:instance/*'], 'arn:aws:ec2:us-west-1:123456789012:instance/i-1', true],
    [['arn:aws:ec2:*:*:instance/*'], 'arn:aws:ec2:us-west-1:123456789012:volume/vol-1', false],
    [['arn:aws:s3:::Bucket/*'], 'arn:aws:s3:::bucket/x', false],
    [['arn:aws:s3:::bucket'], 'arn:aws:s3:::bucket', true],
    [['arn:aws:s3:::a', 'arn:aws:s3:::b'], 'arn:aws:s3:::b', true],
    [['arn:aws:iam::*:user/${aws:username}'], 'arn:aws:iam::1:user/${aws:username}', true],
    [['arn:aws:iam::*:user/${aws:username}'], 'arn:aws:iam::1:user/alice', false],
  ];
  it.each(cases)('%j matches %s -> %s', (patterns, resource, expected) => {
    expect(compileResourceMatcher(patterns).matches(resource)).toBe(expected);
  });
});
