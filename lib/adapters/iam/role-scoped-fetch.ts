import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  type ManagedPolicyDetail,
  type RoleDetail,
} from '@aws-sdk/client-iam';
import type { CollectionGap } from '../../domain/model/account-view.js';
import { callAws, isCallFailure, type AwsCallContext } from '../aws/call-aws.js';
import { AwsCallError } from '../aws/errors.js';
import { collectPages, iamMarker } from '../aws/paginate.js';
import { nameFromArn } from '../../domain/model/iam-arn.js';

/** IAM actions the role-scoped strategy calls. */
export const ROLE_SCOPED_PERMISSIONS = [
  'iam:GetRole',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
] as const;

/** The IAM client and call context a fetch runs with. */
export interface IamFetchContext {
  iam: IAMClient;
  call: AwsCallContext;
}

/** The outcome of reading one role. */
export type RoleFetch =
  | { kind: 'found'; detail: RoleDetail }
  /** The role does not exist (NoSuchEntity, or only under another path: see `note`). */
  | { kind: 'absent'; note?: string }
  | { kind: 'gap'; gap: CollectionGap };

/** The outcome of reading one managed policy. */
export type PolicyFetch = { kind: 'found'; detail: ManagedPolicyDetail } | { kind: 'gap'; gap: CollectionGap };

const PAGE = 1000;

/**
 * Reads one role with role-scoped calls and assembles the GetAccountAuthorizationDetails `RoleDetail` for it:
 * GetRole (trust policy, boundary, tags), ListRolePolicies + GetRolePolicy per inline policy,
 * ListAttachedRolePolicies, ListInstanceProfilesForRole (every listing paged to the end).
 *
 * NoSuchEntity on GetRole -> `absent` (the checks raise iam.role.missing). Any other failure, including on the
 * follow-up calls -> a gap for the role naming the failed operation: a role with part of its policies missing would
 * be judged on incomplete data, so it is left out rather than shown incomplete.
 */
export async function fetchRoleDetail(context: IamFetchContext, roleArn: string): Promise<RoleFetch> {
  const roleName = nameFromArn(roleArn);
  const { iam, call } = context;
  try {
    let role;
    try {
      role = (await callAws(call, 'iam:GetRole', roleArn, (o) => iam.send(new GetRoleCommand({ RoleName: roleName }), o))).Role;
    } catch (error) {
      if (error instanceof AwsCallError && error.kind === 'not-found') return { kind: 'absent' };
      throw error;
    }
    if (role?.Arn === undefined) throw incomplete(call, 'iam:GetRole', roleArn, 'GetRole returned no Role');
    if (role.Arn !== roleArn) {
      return { kind: 'absent', note: `configured role ${roleArn} does not exist; a role with the same name exists as ${role.Arn} (check the path in the ARN)` };
    }
    const [inline, attached, profiles] = await Promise.all([
      fetchInlinePolicies(context, roleArn, roleName),
      fetchAttachedPolicies(context, roleArn, roleName),
      fetchInstanceProfiles(context, roleArn, roleName),
    ]);
    const detail: RoleDetail = {
      Path: role.Path,
      RoleName: role.RoleName,
      RoleId: role.RoleId,
      Arn: role.Arn,
      CreateDate: role.CreateDate,
      AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
      InstanceProfileList: profiles,
      RolePolicyList: inline,
      AttachedManagedPolicies: attached,
      PermissionsBoundary: role.PermissionsBoundary,
      Tags: role.Tags ?? [],
      RoleLastUsed: role.RoleLastUsed,
    };
    return { kind: 'found', detail };
  } catch (error) {
    if (!isCallFailure(error)) throw error;
    return { kind: 'gap', gap: { kind: 'roles', resourceId: roleArn, source: error.operation, reason: error.reason } };
  }
}

/**
 * Reads a managed policy (GetPolicy for its default version id, GetPolicyVersion for the document) as the
 * GetAccountAuthorizationDetails `ManagedPolicyDetail` with only the default version. Any failure -> a
 * `managedPolicies` gap for that ARN (the local evaluator then refuses to decide for roles that use it).
 */
export async function fetchManagedPolicyDetail(context: IamFetchContext, policyArn: string): Promise<PolicyFetch> {
  const { iam, call } = context;
  try {
    const policy = (await callAws(call, 'iam:GetPolicy', policyArn, (o) => iam.send(new GetPolicyCommand({ PolicyArn: policyArn }), o))).Policy;
    if (policy?.DefaultVersionId === undefined) throw incomplete(call, 'iam:GetPolicy', policyArn, 'GetPolicy returned no DefaultVersionId');
    const versionId = policy.DefaultVersionId;
    const version = (
      await callAws(call, 'iam:GetPolicyVersion', policyArn, (o) => iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId }), o))
    ).PolicyVersion;
    if (version?.Document === undefined) throw incomplete(call, 'iam:GetPolicyVersion', policyArn, `GetPolicyVersion ${versionId} returned no Document`);
    const detail: ManagedPolicyDetail = {
      PolicyName: policy.PolicyName,
      PolicyId: policy.PolicyId,
      Arn: policy.Arn ?? policyArn,
      Path: policy.Path,
      DefaultVersionId: versionId,
      AttachmentCount: policy.AttachmentCount,
      PermissionsBoundaryUsageCount: policy.PermissionsBoundaryUsageCount,
      IsAttachable: policy.IsAttachable,
      Description: policy.Description,
      CreateDate: policy.CreateDate,
      UpdateDate: policy.UpdateDate,
      PolicyVersionList: [{ Document: version.Document, VersionId: version.VersionId ?? versionId, IsDefaultVersion: true, CreateDate: version.CreateDate }],
    };
    return { kind: 'found', detail };
  } catch (error) {
    if (!isCallFailure(error)) throw error;
    return { kind: 'gap', gap: { kind: 'managedPolicies', resourceId: policyArn, source: error.operation, reason: error.reason } };
  }
}

async function fetchInlinePolicies(context: IamFetchContext, roleArn: string, roleName: string): Promise<{ PolicyName: string; PolicyDocument: string }[]> {
  const { iam, call } = context;
  const source = { operation: 'iam:ListRolePolicies', region: call.region };
  const pages = await collectPages(
    source,
    (Marker) => callAws(call, source.operation, roleArn, (o) => iam.send(new ListRolePoliciesCommand({ RoleName: roleName, MaxItems: PAGE, Marker }), o)),
    iamMarker(source),
  );
  const names = pages.flatMap((page) => page.PolicyNames ?? []);
  return Promise.all(
    names.map(async (PolicyName) => {
      const out = await callAws(call, 'iam:GetRolePolicy', roleArn, (o) => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }), o));
      if (out.PolicyDocument === undefined) throw incomplete(call, 'iam:GetRolePolicy', roleArn, `GetRolePolicy ${PolicyName} returned no PolicyDocument`);
      return { PolicyName, PolicyDocument: out.PolicyDocument };
    }),
  );
}

async function fetchAttachedPolicies(context: IamFetchContext, roleArn: string, roleName: string) {
  const { iam, call } = context;
  const source = { operation: 'iam:ListAttachedRolePolicies', region: call.region };
  const pages = await collectPages(
    source,
    (Marker) => callAws(call, source.operation, roleArn, (o) => iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, MaxItems: PAGE, Marker }), o)),
    iamMarker(source),
  );
  return pages.flatMap((page) => page.AttachedPolicies ?? []);
}

async function fetchInstanceProfiles(context: IamFetchContext, roleArn: string, roleName: string) {
  const { iam, call } = context;
  const source = { operation: 'iam:ListInstanceProfilesForRole', region: call.region };
  const pages = await collectPages(
    source,
    (Marker) => callAws(call, source.operation, roleArn, (o) => iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName, MaxItems: PAGE, Marker }), o)),
    iamMarker(source),
  );
  return pages.flatMap((page) => page.InstanceProfiles ?? []);
}

function incomplete(call: AwsCallContext, operation: string, arn: string, problem: string): AwsCallError {
  return new AwsCallError({ operation, region: call.region, arn, kind: 'other', code: 'IncompleteResponse', reason: `IncompleteResponse: ${problem}`, cause: undefined });
}
