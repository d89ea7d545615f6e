import type {
  InstanceProfile as SdkInstanceProfile,
  ManagedPolicyDetail,
  RoleDetail,
} from '@aws-sdk/client-iam';
import type { InstanceProfile, ManagedPolicy, PolicyDocument, Role } from '../../domain/model/account-view.js';
import { parsePolicyDocument } from '../../domain/policy/document.js';
import { tagsFromList } from '../aws/tags.js';

/**
 * Maps IAM's own shapes (GetAccountAuthorizationDetails `RoleDetail` / `ManagedPolicyDetail`, or the same built from
 * role-scoped calls) onto the view. Documents arrive URL-encoded from the SDK and are decoded by parsePolicyDocument.
 * @throws PolicyDocumentError when a document is not a usable policy
 */
export function roleFromDetail(detail: RoleDetail): Role {
  const name = detail.RoleName ?? '';
  const role: Role = {
    arn: detail.Arn ?? '',
    name,
    path: detail.Path ?? '/',
    inlinePolicies: (detail.RolePolicyList ?? []).map((policy) => ({
      name: policy.PolicyName ?? '',
      document: parsePolicyDocument(policy.PolicyDocument, `role ${name} inline policy ${policy.PolicyName ?? ''}`),
    })),
    attachedPolicies: (detail.AttachedManagedPolicies ?? []).flatMap((policy) =>
      policy.PolicyArn === undefined ? [] : [{ arn: policy.PolicyArn, name: policy.PolicyName ?? '' }],
    ),
    instanceProfiles: (detail.InstanceProfileList ?? []).flatMap((profile) =>
      profile.Arn === undefined ? [] : [{ arn: profile.Arn, name: profile.InstanceProfileName ?? '' }],
    ),
    tags: tagsFromList(detail.Tags),
  };
  if (detail.RoleId !== undefined) role.roleId = detail.RoleId;
  if (detail.AssumeRolePolicyDocument !== undefined) {
    role.trustPolicy = parsePolicyDocument(detail.AssumeRolePolicyDocument, `role ${name} trust policy`);
  }
  if (detail.PermissionsBoundary?.PermissionsBoundaryArn !== undefined) role.permissionsBoundaryArn = detail.PermissionsBoundary.PermissionsBoundaryArn;
  return role;
}

/**
 * The managed policy with its default version's document.
 * @throws PolicyDocumentError when the default version is missing or its document is not a usable policy
 */
export function managedPolicyFromDetail(detail: ManagedPolicyDetail): ManagedPolicy {
  const name = detail.PolicyName ?? '';
  const version =
    (detail.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true) ??
    (detail.PolicyVersionList ?? []).find((v) => v.VersionId !== undefined && v.VersionId === detail.DefaultVersionId);
  const document: PolicyDocument = parsePolicyDocument(version?.Document, `managed policy ${detail.Arn ?? name} default version ${detail.DefaultVersionId ?? '?'}`);
  const policy: ManagedPolicy = { arn: detail.Arn ?? '', name, document };
  const versionId = detail.DefaultVersionId ?? version?.VersionId;
  if (versionId !== undefined) policy.defaultVersionId = versionId;
  return policy;
}

/** An instance profile with the ARNs of its roles. */
export function instanceProfileFromSdk(profile: SdkInstanceProfile): InstanceProfile {
  return {
    arn: profile.Arn ?? '',
    name: profile.InstanceProfileName ?? '',
    roleArns: (profile.Roles ?? []).flatMap((role) => (role.Arn === undefined ? [] : [role.Arn])),
  };
}
