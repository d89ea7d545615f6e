import { beforeEach, describe, expect, it } from '@jest/globals';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AccountMismatchError, AwsCallError } from '../../../lib/adapters/aws/errors.js';
import { getCallerIdentity, verifyAccount } from '../../../lib/adapters/sts/caller-identity.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';

const sts = mockClient(STSClient);

describe('getCallerIdentity', () => {
  beforeEach(() => {
    sts.reset();
  });

  it('returns account and caller ARN', async () => {
    sts.on(GetCallerIdentityCommand).resolves(recorded('sts.GetCallerIdentity_1'));
    await expect(getCallerIdentity(new STSClient({}), testContext())).resolves.toEqual({
      account: '123456789012',
      arn: 'arn:aws:sts::123456789012:assumed-role/audit-reader/kube-aws-audit-prod-east',
    });
  });

  it('wraps an STS failure with the operation', async () => {
    sts.on(GetCallerIdentityCommand).rejects(awsError('ExpiredToken', 'The security token included in the request is expired', 403));
    const failure = await getCallerIdentity(new STSClient({}), testContext()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({ operation: 'sts:GetCallerIdentity', reason: 'ExpiredToken: The security token included in the request is expired' });
  });
});

describe('verifyAccount', () => {
  const identity = { account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/audit/x' };

  it('accepts the configured account and returns it', () => {
    expect(verifyAccount('prod-east', '123456789012', identity)).toBe('123456789012');
  });

  it('uses the caller account when none is configured', () => {
    expect(verifyAccount('prod-east', undefined, identity)).toBe('123456789012');
  });

  it('rejects credentials of another account with an error naming both accounts', () => {
    const failure = (() => {
      try {
        return verifyAccount('prod-east', '210987654321', identity);
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(AccountMismatchError);
    expect((failure as Error).message).toMatch(/cluster prod-east: configured account 210987654321 but the AWS credentials are for account 123456789012/);
  });
});
