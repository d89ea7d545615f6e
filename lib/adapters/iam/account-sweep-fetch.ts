import { GetAccountAuthorizationDetailsCommand, type ManagedPolicyDetail, type RoleDetail } from '@aws-sdk/client-iam';
import { callAws } from '../aws/call-aws.js';
import { collectPages, iamMarker } from '../aws/paginate.js';
import type { IamFetchContext } from './role-scoped-fetch.js';

/** IAM actions the account-sweep strategy calls. */
export const ACCOUNT_SWEEP_PERMISSIONS = ['iam:GetAccountAuthorizationDetails'] as const;

/** Every role and managed policy of the account, as GetAccountAuthorizationDetails returns them. */
export interface AccountSweep {
  roleDetails: RoleDetail[];
  policies: ManagedPolicyDetail[];
}

/**
 * One sweep of the whole account: GetAccountAuthorizationDetails with Filter Role, LocalManagedPolicy and
 * AWSManagedPolicy, MaxItems 1000, following Marker to the last page.
 * @throws AwsCallError / DeadlineReachedError when any page fails (a partial sweep is never returned)
 */
export async function sweepAccount(context: IamFetchContext): Promise<AccountSweep> {
  const { iam, call } = context;
  const source = { operation: 'iam:GetAccountAuthorizationDetails', region: call.region };
  const pages = await collectPages(
    source,
    (Marker) =>
      callAws(call, source.operation, undefined, (o) =>
        iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000, Marker }), o),
      ),
    iamMarker(source),
  );
  return {
    roleDetails: pages.flatMap((page) => page.RoleDetailList ?? []),
    policies: pages.flatMap((page) => page.Policies ?? []),
  };
}
