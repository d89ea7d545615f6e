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

/** A sweep stopped after `maxPages` pages with more to come (strategy `auto`: role-scoped is cheaper then). */
export class SweepOverBudget extends Error {
  override readonly name = 'SweepOverBudget';
  constructor(readonly pages: number) {
    super(`GetAccountAuthorizationDetails has more than ${pages} page(s) of 1000 entities`);
  }
}

/**
 * One sweep of the whole account: GetAccountAuthorizationDetails with Filter Role, LocalManagedPolicy and
 * AWSManagedPolicy, MaxItems 1000 (the largest page: botocore iam/2010-05-08 service-2.json `maxItemsType`), following
 * Marker to the last page.
 * @throws AwsCallError / DeadlineReachedError when any page fails (a partial sweep is never returned);
 *   SweepOverBudget when a page beyond `maxPages` would be needed (none is fetched)
 */
export async function sweepAccount(context: IamFetchContext, maxPages = Infinity): Promise<AccountSweep> {
  const { iam, call } = context;
  const source = { operation: 'iam:GetAccountAuthorizationDetails', region: call.region };
  let fetched = 0;
  const pages = await collectPages(
    source,
    (Marker) => {
      if (fetched >= maxPages) throw new SweepOverBudget(fetched);
      fetched += 1;
      return callAws(call, source.operation, undefined, (o) =>
        iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'LocalManagedPolicy', 'AWSManagedPolicy'], MaxItems: 1000, Marker }), o),
      );
    },
    iamMarker(source),
  );
  return {
    roleDetails: pages.flatMap((page) => page.RoleDetailList ?? []),
    policies: pages.flatMap((page) => page.Policies ?? []),
  };
}
