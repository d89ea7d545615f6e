import { describe, expect, it } from '@jest/globals';
import { AccountMismatchError, AwsCallError, DeadlineReachedError } from '../../../lib/adapters/aws/errors.js';

describe('adapter errors', () => {
  it('AwsCallError names operation, region and resource, and keeps the cause', () => {
    const cause = new Error('sdk');
    const error = new AwsCallError({ operation: 'iam:GetRole', region: 'us-west-1', arn: 'arn:aws:iam::123456789012:role/r', kind: 'access-denied', code: 'AccessDenied', reason: 'AccessDenied: no', cause });
    expect(error.message).toBe('iam:GetRole failed in us-west-1 for arn:aws:iam::123456789012:role/r: AccessDenied: no');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('AwsCallError');
  });

  it('DeadlineReachedError says which operation was not issued', () => {
    expect(new DeadlineReachedError('ec2:DescribeSubnets', 'us-west-1').reason).toBe('deadline reached before ec2:DescribeSubnets');
  });

  it('AccountMismatchError tells how to fix it', () => {
    expect(new AccountMismatchError('prod', '111111111111', '222222222222', 'arn:aws:sts::222222222222:assumed-role/a/b').message).toMatch(/set assumeRoleArn to a role in 111111111111/);
  });
});
