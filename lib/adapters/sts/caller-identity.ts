import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { callAws, type AwsCallContext } from '../aws/call-aws.js';
import { AccountMismatchError, AwsCallError } from '../aws/errors.js';

/** IAM actions this adapter calls (docs/architecture.md "Least privilege of the auditor"). GetCallerIdentity needs no permission, but it is an action we call. */
export const CALLER_IDENTITY_PERMISSIONS = ['sts:GetCallerIdentity'] as const;

/** Who the credentials belong to. */
export interface CallerIdentity {
  account: string;
  arn: string;
}

/**
 * Asks STS who the credentials are (GetCallerIdentity).
 * @throws AwsCallError when STS fails or answers without an account
 */
export async function getCallerIdentity(sts: STSClient, context: AwsCallContext): Promise<CallerIdentity> {
  const out = await callAws(context, 'sts:GetCallerIdentity', undefined, (options) => sts.send(new GetCallerIdentityCommand({}), options));
  if (out.Account === undefined || out.Arn === undefined) {
    throw new AwsCallError({
      operation: 'sts:GetCallerIdentity',
      region: context.region,
      kind: 'other',
      code: 'IncompleteResponse',
      reason: 'IncompleteResponse: GetCallerIdentity returned no Account or Arn',
      cause: undefined,
    });
  }
  return { account: out.Account, arn: out.Arn };
}

/**
 * Checks that the credentials are for the cluster's configured account (when one is configured).
 * @returns the account to audit: the configured one, else the caller's
 * @throws AccountMismatchError on a mismatch (the run reports the cluster as an error instead of auditing another account)
 */
export function verifyAccount(cluster: string, expectedAccount: string | undefined, identity: CallerIdentity): string {
  if (expectedAccount !== undefined && expectedAccount !== identity.account) {
    throw new AccountMismatchError(cluster, expectedAccount, identity.account, identity.arn);
  }
  return identity.account;
}
