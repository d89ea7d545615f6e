import { describe, expect, it } from '@jest/globals';
import { nameFromArn, parseIamArn, sameIamEntity } from '../../../lib/domain/model/iam-arn.js';

describe('IAM ARNs', () => {
  it('parses role and instance-profile ARNs with and without a path', () => {
    expect(parseIamArn('arn:aws:iam::123456789012:role/k8s-worker')).toEqual({ partition: 'aws', account: '123456789012', resourceType: 'role', path: '/', name: 'k8s-worker' });
    expect(parseIamArn('arn:aws-cn:iam::123456789012:instance-profile/a/b/prof')).toEqual({
      partition: 'aws-cn', account: '123456789012', resourceType: 'instance-profile', path: '/a/b/', name: 'prof',
    });
    expect(parseIamArn('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('parses AWS managed policy ARNs (account "aws") and names unparsable text after itself', () => {
    expect(parseIamArn('arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM')).toMatchObject({ account: 'aws', resourceType: 'policy', path: '/service-role/', name: 'AmazonEC2RoleforSSM' });
    expect(parseIamArn('arn:aws:ec2:us-west-1:123456789012:instance/i-1')).toBeUndefined();
    expect(nameFromArn('arn:aws:iam::123456789012:role/kubernetes/staging-worker')).toBe('staging-worker');
    expect(nameFromArn('nonsense')).toBe('nonsense');
  });

  it('compares by account, type and case-insensitive name, ignoring the path', () => {
    expect(sameIamEntity('arn:aws:iam::123456789012:role/k8s-worker', 'arn:aws:iam::123456789012:role/path/K8s-Worker')).toBe(true);
    expect(sameIamEntity('arn:aws:iam::123456789012:role/k8s-worker', 'arn:aws:iam::210987654321:role/k8s-worker')).toBe(false);
    expect(sameIamEntity('arn:aws:iam::123456789012:role/k8s-worker', 'arn:aws:iam::123456789012:instance-profile/k8s-worker')).toBe(false);
    expect(sameIamEntity('not-an-arn', 'not-an-arn')).toBe(true);
    expect(sameIamEntity('not-an-arn', 'arn:aws:iam::123456789012:role/x')).toBe(false);
  });
});
