import { describe, expect, it } from '@jest/globals';
import { compileWildcard, hasWildcard, wildcardToRegExp } from '../../../../lib/domain/policy/evaluator/wildcard.js';

describe('compileWildcard', () => {
  const cases: [string, string, boolean, boolean][] = [
    // pattern, value, ignoreCase, expected
    ['ec2:DescribeInstances', 'ec2:DescribeInstances', false, true],
    ['ec2:DescribeInstances', 'ec2:describeinstances', false, false],
    ['ec2:DescribeInstances', 'ec2:describeinstances', true, true],
    ['*', '', false, true],
    ['**', 'anything:at/all', false, true],
    ['ec2:Describe*', 'ec2:Describe', false, true],
    ['ec2:Describe*', 'ec2:DescribeVpcs', false, true],
    ['ec2:Describe*', 'EC2:DESCRIBEVPCS', true, true],
    ['ec2:*Volume', 'ec2:AttachVolume', false, true],
    ['ec2:*Volume', 'ec2:AttachVolumes', false, false],
    ['a?c', 'abc', false, true],
    ['a?c', 'ac', false, false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b:c', false, true],
    ['a.b', 'axb', false, false],
    ['a+b(c)[d]{e}|^$\\', 'a+b(c)[d]{e}|^$\\', false, true],
    ['x*y*z', 'x\ny\nz', false, true],
  ];
  it.each(cases)('"%s" vs "%s" (ignoreCase %s) -> %s', (pattern, value, ignoreCase, expected) => {
    expect(compileWildcard(pattern, ignoreCase).test(value)).toBe(expected);
  });

  it('reports whether a pattern has wildcards', () => {
    expect(hasWildcard('ec2:Describe*')).toBe(true);
    expect(hasWildcard('ec2:DescribeVpc?')).toBe(true);
    expect(hasWildcard('ec2:DescribeVpcs')).toBe(false);
    expect(compileWildcard('a?').hasWildcard).toBe(true);
  });

  it('builds an anchored RegExp with literal metacharacters', () => {
    expect(wildcardToRegExp('a.*').test('a.bc')).toBe(true);
    expect(wildcardToRegExp('a.*').test('abc')).toBe(false);
    expect(wildcardToRegExp('A*', true).test('abc')).toBe(true);
  });
});
