import {
  GetInstanceProfileCommand,
  IAMClient,
  type InstanceProfile as SdkInstanceProfile,
  type ManagedPolicyDetail,
  type RoleDetail,
} from '@aws-sdk/client-iam';
import type { CollectionGap, InstanceProfile } from '../../domain/model/account-view.js';
import { PolicyDocumentError } from '../../domain/policy/errors.js';
import { callAws, isCallFailure, type AwsCallContext } from '../aws/call-aws.js';
import { AwsCallError } from '../aws/errors.js';
import { ACCOUNT_SWEEP_PERMISSIONS, sweepAccount, SweepOverBudget, type AccountSweep } from './account-sweep-fetch.js';
import { parseIamArn } from '../../domain/model/iam-arn.js';
import { emptyIamCollection, type IamCollection } from './iam-collection.js';
import { fetchManagedPolicyDetail, fetchRoleDetail, ROLE_SCOPED_PERMISSIONS, type IamFetchContext, type PolicyFetch, type RoleFetch } from './role-scoped-fetch.js';
import type { IamStrategy } from './iam-strategy.js';
import { instanceProfileFromSdk, managedPolicyFromDetail, roleFromDetail } from './to-view.js';

export { IAM_STRATEGIES, type IamStrategy } from './iam-strategy.js';

/** IAM actions the collector calls (both strategies, and GetInstanceProfile). */
export const IAM_COLLECTOR_PERMISSIONS = [...ROLE_SCOPED_PERMISSIONS, ...ACCOUNT_SWEEP_PERMISSIONS, 'iam:GetInstanceProfile'] as const;

export interface IamCollectorOptions {
  /** Default: a new IAMClient for `context.region` with the default credential chain. */
  iam?: IAMClient;
  /** Region (for messages), concurrency cap and deadline of the calls. */
  context: AwsCallContext;
  strategy?: IamStrategy;
  /** The audited account. Roles and profiles of other accounts cannot be read with these credentials: they become gaps. */
  account?: string;
  /** Sweeps shared between collectors (key: {@link sweepKey}), so one GetAccountAuthorizationDetails sweep serves every cluster. */
  sweeps?: Map<string, Promise<AccountSweep>>;
  /** Identifies account + credentials for the shared sweep cache. Default: `account`. */
  sweepKey?: string;
  /**
   * Strategy `auto`: the most sweep pages worth fetching, i.e. the fewest calls role-scoped reads would cost for every
   * configured role sharing the sweep (4 per role). Default: 4 x the roles of the first `collectRoles`.
   */
  sweepBudget?: number;
}

/**
 * Reads the configured roles (inline policies, attached managed policies with their default version documents,
 * permissions boundary, instance profiles, trust policy) and resolves instance profiles that instances use.
 * Never returns an empty success for something it could not read: a role it could not read is a gap with the
 * role's ARN; a role that does not exist is simply absent (the checks raise iam.role.missing).
 */
export class IamCollector {
  static readonly permissions = IAM_COLLECTOR_PERMISSIONS;
  private readonly fetch: IamFetchContext;
  private readonly strategy: IamStrategy;
  private readonly account: string | undefined;
  private readonly sweeps: Map<string, Promise<AccountSweep>>;
  private readonly sweepKey: string;
  private readonly policies = new Map<string, Promise<PolicyFetch>>();
  private readonly sweepBudget: number | undefined;

  constructor(options: IamCollectorOptions) {
    this.sweepBudget = options.sweepBudget;
    this.fetch = { iam: options.iam ?? new IAMClient({ region: options.context.region }), call: options.context };
    this.strategy = options.strategy ?? 'role-scoped';
    this.account = options.account;
    this.sweeps = options.sweeps ?? new Map();
    this.sweepKey = options.sweepKey ?? options.account ?? 'default';
  }

  /** Reads the given roles (duplicates ignored). */
  async collectRoles(roleArns: readonly string[]): Promise<IamCollection> {
    const out = emptyIamCollection();
    const wanted: string[] = [];
    for (const arn of new Set(roleArns)) {
      const foreign = this.foreignAccountReason(arn, 'role');
      if (foreign === undefined) wanted.push(arn);
      else out.gaps.push({ kind: 'roles', resourceId: arn, source: this.strategy === 'account-sweep' ? 'iam:GetAccountAuthorizationDetails' : 'iam:GetRole', reason: foreign });
    }
    if (wanted.length === 0) return out;
    if (this.strategy === 'auto') return this.collectAuto(wanted, out);
    return this.strategy === 'account-sweep' ? this.collectBySweep(wanted, out) : this.collectByRole(wanted, out);
  }

  /** Strategy `auto` (see IamStrategy): the sweep while it costs no more calls than role-scoped reads, else role-scoped. */
  private async collectAuto(roleArns: string[], out: IamCollection): Promise<IamCollection> {
    const budget = Math.max(1, this.sweepBudget ?? ROLE_SCOPED_CALLS_PER_ROLE * roleArns.length);
    try {
      await this.sweep(budget);
    } catch (error) {
      if (error instanceof SweepOverBudget) {
        out.notes.push(
          `iam:GetAccountAuthorizationDetails: the account has more than ${error.pages * 1000} roles and policies, so the configured roles were read one by one (fewer calls)`,
        );
        return this.collectByRole(roleArns, out);
      }
      if (!isCallFailure(error)) throw error;
      out.notes.push(`iam:GetAccountAuthorizationDetails failed (${error.reason}); the configured roles were read one by one instead`);
      return this.collectByRole(roleArns, out);
    }
    return this.collectBySweep(roleArns, out);
  }

  /**
   * Resolves instance profiles that instances use but no fetched role listed (GetInstanceProfile, under the IAM
   * concurrency cap). NoSuchEntity -> a note (the profile is gone); any other failure -> a `roles` gap for the
   * profile's ARN, so instance-profile checks report "could not check" instead of "unexpected".
   */
  async resolveInstanceProfiles(profileArns: readonly string[], known: ReadonlySet<string>): Promise<IamCollection> {
    const out = emptyIamCollection();
    const unknown = [...new Set(profileArns)].filter((arn) => !known.has(arn));
    const results = await Promise.all(unknown.map(async (arn) => ({ arn, result: await this.fetchInstanceProfile(arn) })));
    for (const { arn, result } of results) {
      if (result.kind === 'found') {
        out.instanceProfiles.push(instanceProfileFromSdk(result.profile));
        out.raw.instanceProfiles.push(result.profile);
      } else if (result.kind === 'gap') out.gaps.push(result.gap);
      else out.notes.push(result.note ?? `instance profile ${arn} used by instances does not exist`);
    }
    return out;
  }

  private async collectByRole(roleArns: string[], out: IamCollection): Promise<IamCollection> {
    const fetched = await Promise.all(roleArns.map(async (arn) => ({ arn, result: await fetchRoleDetail(this.fetch, arn) })));
    const details: RoleDetail[] = [];
    for (const { result } of fetched) this.takeRole(result, out, details);
    const policyArns = referencedPolicyArns(details);
    const policyResults = await Promise.all(policyArns.map((arn) => this.managedPolicy(arn)));
    const policyDetails: ManagedPolicyDetail[] = [];
    for (const result of policyResults) {
      if (result.kind === 'found') policyDetails.push(result.detail);
      else out.gaps.push(result.gap);
    }
    this.addView(out, details, policyDetails, details.flatMap((d) => (d.InstanceProfileList ?? []).map((profile) => ({ profile, owner: d.Arn }))), { role: 'iam:GetRole', policy: 'iam:GetPolicyVersion' });
    out.raw.roleDetails.push(...details);
    out.raw.policies.push(...policyDetails);
    return out;
  }

  private async collectBySweep(roleArns: string[], out: IamCollection): Promise<IamCollection> {
    let sweep: AccountSweep;
    try {
      sweep = await this.sweep();
    } catch (error) {
      if (!isCallFailure(error)) throw error;
      for (const arn of roleArns) out.gaps.push({ kind: 'roles', resourceId: arn, source: error.operation, reason: error.reason });
      out.gaps.push({ kind: 'managedPolicies', source: error.operation, reason: error.reason });
      return out;
    }
    const byArn = new Map(sweep.roleDetails.map((d) => [d.Arn ?? '', d]));
    const details: RoleDetail[] = [];
    for (const arn of roleArns) {
      const detail = byArn.get(arn);
      if (detail !== undefined) {
        details.push(detail);
        continue;
      }
      const name = parseIamArn(arn)?.name;
      const sameName = sweep.roleDetails.find((d) => d.RoleName === name);
      this.takeRole(
        sameName?.Arn === undefined
          ? { kind: 'absent' }
          : { kind: 'absent', note: `configured role ${arn} does not exist; a role with the same name exists as ${sameName.Arn} (check the path in the ARN)` },
        out,
        details,
      );
    }
    const policiesByArn = new Map(sweep.policies.map((p) => [p.Arn ?? '', p]));
    const policyDetails: ManagedPolicyDetail[] = [];
    for (const arn of referencedPolicyArns(details)) {
      const policy = policiesByArn.get(arn);
      if (policy !== undefined) policyDetails.push(policy);
      else out.gaps.push({ kind: 'managedPolicies', resourceId: arn, source: 'iam:GetAccountAuthorizationDetails', reason: 'NotReturned: the policy is attached to a configured role but GetAccountAuthorizationDetails did not return it' });
    }
    const gaad = 'iam:GetAccountAuthorizationDetails';
    this.addView(out, details, policyDetails, sweep.roleDetails.flatMap((d) => (d.InstanceProfileList ?? []).map((profile) => ({ profile, owner: d.Arn }))), { role: gaad, policy: gaad });
    out.raw.roleDetails.push(...sweep.roleDetails);
    out.raw.policies.push(...sweep.policies);
    return out;
  }

  private takeRole(result: RoleFetch, out: IamCollection, details: RoleDetail[]): void {
    if (result.kind === 'found') details.push(result.detail);
    else if (result.kind === 'gap') out.gaps.push(result.gap);
    else if (result.note !== undefined) out.notes.push(result.note);
  }

  /** Maps fetched details onto the view; a document that does not parse turns its role or policy into a gap. */
  private addView(
    out: IamCollection,
    details: RoleDetail[],
    policies: ManagedPolicyDetail[],
    profiles: { profile: SdkInstanceProfile; owner: string | undefined }[],
    sources: { role: string; policy: string },
  ): void {
    for (const detail of details) {
      try {
        out.roles.push(roleFromDetail(detail));
      } catch (error) {
        if (!(error instanceof PolicyDocumentError)) throw error;
        out.gaps.push({ kind: 'roles', resourceId: detail.Arn ?? '', source: sources.role, reason: `MalformedPolicyDocument: ${error.message}` });
      }
    }
    for (const detail of policies) {
      try {
        out.managedPolicies.push(managedPolicyFromDetail(detail));
      } catch (error) {
        if (!(error instanceof PolicyDocumentError)) throw error;
        out.gaps.push({ kind: 'managedPolicies', resourceId: detail.Arn ?? '', source: sources.policy, reason: `MalformedPolicyDocument: ${error.message}` });
      }
    }
    // A profile listed in a role's InstanceProfileList holds that role when its own Roles list is empty or absent
    // (issue 8: AWS lists there the profiles that contain the role); a profile listed twice is one entry.
    const byArn = new Map<string, InstanceProfile>();
    for (const { profile, owner } of profiles) {
      const view: InstanceProfile = instanceProfileFromSdk(profile);
      if (view.arn === '') continue;
      const entry = byArn.get(view.arn) ?? view;
      const members = view.roleArns.length > 0 || owner === undefined ? view.roleArns : [owner];
      for (const arn of members) if (!entry.roleArns.includes(arn)) entry.roleArns.push(arn);
      if (!byArn.has(view.arn)) {
        byArn.set(view.arn, entry);
        out.instanceProfiles.push(entry);
      }
    }
  }

  private managedPolicy(arn: string): Promise<PolicyFetch> {
    let pending = this.policies.get(arn);
    if (pending === undefined) {
      pending = fetchManagedPolicyDetail(this.fetch, arn);
      this.policies.set(arn, pending);
    }
    return pending;
  }

  private sweep(maxPages = Infinity): Promise<AccountSweep> {
    let pending = this.sweeps.get(this.sweepKey);
    if (pending === undefined) {
      pending = sweepAccount(this.fetch, maxPages);
      this.sweeps.set(this.sweepKey, pending);
      // A failed sweep may be retried by the next cluster; one over budget stays over budget for the run.
      pending.catch((error: unknown) => {
        if (!(error instanceof SweepOverBudget)) this.sweeps.delete(this.sweepKey);
      });
    }
    return pending;
  }

  private async fetchInstanceProfile(
    arn: string,
  ): Promise<{ kind: 'found'; profile: SdkInstanceProfile } | { kind: 'absent'; note?: string } | { kind: 'gap'; gap: CollectionGap }> {
    const foreign = this.foreignAccountReason(arn, 'instance profile');
    if (foreign !== undefined) return { kind: 'gap', gap: { kind: 'roles', resourceId: arn, source: 'iam:GetInstanceProfile', reason: foreign } };
    const name = parseIamArn(arn)?.name ?? arn;
    try {
      const out = await callAws(this.fetch.call, 'iam:GetInstanceProfile', arn, (o) => this.fetch.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }), o));
      const profile = out.InstanceProfile;
      if (profile?.Arn === undefined) return { kind: 'gap', gap: { kind: 'roles', resourceId: arn, source: 'iam:GetInstanceProfile', reason: 'IncompleteResponse: GetInstanceProfile returned no InstanceProfile' } };
      if (profile.Arn !== arn) return { kind: 'absent', note: `instance profile ${arn} used by instances does not exist; one with the same name exists as ${profile.Arn}` };
      return { kind: 'found', profile };
    } catch (error) {
      if (error instanceof AwsCallError && error.kind === 'not-found') return { kind: 'absent' };
      if (!isCallFailure(error)) throw error;
      return { kind: 'gap', gap: { kind: 'roles', resourceId: arn, source: error.operation, reason: error.reason } };
    }
  }

  private foreignAccountReason(arn: string, what: string): string | undefined {
    const parsed = parseIamArn(arn);
    if (parsed === undefined) return `InvalidArn: ${arn} is not an IAM ARN`;
    if (this.account === undefined || parsed.account === this.account) return undefined;
    return `OtherAccount: the ${what} is in account ${parsed.account} but the audit credentials are for account ${this.account}; the collector cannot read it`;
  }
}

/** The fewest calls a role costs read role by role: GetRole, ListRolePolicies, ListAttachedRolePolicies, ListInstanceProfilesForRole. */
const ROLE_SCOPED_CALLS_PER_ROLE = 4;

/** Distinct managed policy ARNs the roles use (attached, and as permissions boundary), in first-seen order. */
function referencedPolicyArns(details: RoleDetail[]): string[] {
  const arns = new Set<string>();
  for (const detail of details) {
    for (const policy of detail.AttachedManagedPolicies ?? []) if (policy.PolicyArn !== undefined) arns.add(policy.PolicyArn);
    if (detail.PermissionsBoundary?.PermissionsBoundaryArn !== undefined) arns.add(detail.PermissionsBoundary.PermissionsBoundaryArn);
  }
  return [...arns];
}
