import { describe, expect, it } from '@jest/globals';
import { nameFromArn, parseIamArn } from '../../../lib/adapters/iam/iam-arn.js';

describe('parseIamArn', () => {
  it('splits role, policy and instance-profile ARNs with and without a path', () => {
    expect(parseIamArn('arn:aws:iam::123456789012:role/k8s-worker')).toEqual({ partition: 'aws', account: '123456789012', resourceType: 'role', path: '/', name: 'k8s-worker' });
    expect(parseIamArn('arn:aws-cn:iam::123456789012:instance-profile/nodes/eu/p')).toEqual({ partition: 'aws-cn', account: '123456789012', resourceType: 'instance-profile', path: '/nodes/eu/', name: 'p' });
    expect(parseIamArn('arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforSSM')).toMatchObject({ account: 'aws', path: '/service-role/', name: 'AmazonEC2RoleforSSM' });
  });

  it('returns undefined for text that is not an IAM ARN', () => {
    expect(parseIamArn('arn:aws:ec2:us-west-1:123456789012:instance/i-1')).toBeUndefined();
    expect(nameFromArn('nonsense')).toBe('nonsense');
  });
});
