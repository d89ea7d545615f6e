import * as z from 'zod';
import type { CollectionGap, InstanceProfile, ManagedPolicy, Role } from '../../domain/model/account-view.js';
import { parsePolicyDocument } from '../../domain/policy/document.js';
import { PolicyDocumentError } from '../../domain/policy/errors.js';
import { awsTagsSchema, definedOnly, policyDocumentSchema, uniqueBy } from './aws-cli-fields.js';
import type { SnapshotFile } from './snapshot-files.js';
import { validatePages } from './validate-snapshot-json.js';

const instanceProfileSchema = z.looseObject({
  InstanceProfileName: z.string(),
  Arn: z.string(),
  Roles: z.array(z.looseObject({ Arn: z.string() })).optional(),
});

const roleSchema = z.looseObject({
  RoleName: z.string(),
  Arn: z.string(),
  Path: z.string().optional(),
  RoleId: z.string().optional(),
  AssumeRolePolicyDocument: policyDocumentSchema.optional(),
  RolePolicyList: z.array(z.looseObject({ PolicyName: z.string(), PolicyDocument: policyDocumentSchema })).optional(),
  AttachedManagedPolicies: z.array(z.looseObject({ PolicyName: z.string(), PolicyArn: z.string() })).optional(),
  PermissionsBoundary: z.looseObject({ PermissionsBoundaryArn: z.string() }).optional(),
  InstanceProfileList: z.array(instanceProfileSchema).optional(),
  Tags: awsTagsSchema,
});

/** A managed policy with its default version's document decoded (other versions are not read). */
const policySchema = z
  .looseObject({
    PolicyName: z.string(),
    Arn: z.string(),
    DefaultVersionId: z.string().optional(),
    PolicyVersionList: z.array(
      z.looseObject({ Document: z.unknown(), VersionId: z.string().optional(), IsDefaultVersion: z.boolean().optional() }),
    ),
  })
  .transform((raw, ctx): ManagedPolicy => {
    const index = defaultVersionIndex(raw.PolicyVersionList, raw.DefaultVersionId);
    const version = raw.PolicyVersionList[index];
    if (version === undefined) {
      const wanted = raw.DefaultVersionId === undefined ? 'no version has IsDefaultVersion: true' : `version ${raw.DefaultVersionId} is not in the list`;
      ctx.addIssue({ code: 'custom', path: ['PolicyVersionList'], message: `no default version (${wanted})` });
      return z.NEVER;
    }
    try {
      const document = parsePolicyDocument(version.Document, 'policy document');
      return { arn: raw.Arn, name: raw.PolicyName, ...definedOnly('defaultVersionId', raw.DefaultVersionId ?? version.VersionId), document };
    } catch (error) {
      if (!(error instanceof PolicyDocumentError)) throw error;
      ctx.addIssue({ code: 'custom', path: ['PolicyVersionList', index, 'Document'], message: error.reason });
      return z.NEVER;
    }
  });

const pageSchema = z.looseObject({
  RoleDetailList: z.array(roleSchema).optional(),
  Policies: z.array(policySchema).optional(),
});

type RawRole = z.output<typeof roleSchema>;

/** What `iam-get-account-authorization-details.json` contributes to the AccountView. */
export interface AuthorizationDetails {
  roles: Role[];
  managedPolicies: ManagedPolicy[];
  instanceProfiles: InstanceProfile[];
  /** Managed policies (attached or used as boundary) whose documents are not in the file. */
  gaps: CollectionGap[];
}

/**
 * Parses `aws iam get-account-authorization-details` output: one response object, or a JSON array of pages that are
 * merged (IsTruncated/Marker are ignored). Policy documents may be objects or URL-encoded strings. Instance profiles
 * come from every role's InstanceProfileList, deduplicated by ARN. A managed policy referenced by a role but absent
 * from `Policies` (e.g. captured with `--filter Role` only) becomes a CollectionGap, so checks say "could not check"
 * instead of treating the role as having fewer permissions.
 *
 * @throws SnapshotError naming the file and JSON path of a wrong shape or an unusable policy document
 */
export function parseAuthorizationDetails(file: SnapshotFile): AuthorizationDetails {
  const pages = validatePages(pageSchema, file, {
    pageKeys: ['RoleDetailList', 'Policies', 'UserDetailList', 'GroupDetailList'],
    requiredKey: 'RoleDetailList',
  });
  const rawRoles = uniqueBy(
    pages.flatMap((page) => page.RoleDetailList ?? []),
    (role) => role.Arn,
  );
  const managedPolicies = uniqueBy(
    pages.flatMap((page) => page.Policies ?? []),
    (policy) => policy.arn,
  );
  const roles = rawRoles.map(toRole);
  return {
    roles,
    managedPolicies,
    instanceProfiles: collectInstanceProfiles(rawRoles),
    gaps: missingPolicyGaps(roles, managedPolicies, file.spec.name),
  };
}

function defaultVersionIndex(versions: readonly { VersionId?: string; IsDefaultVersion?: boolean }[], defaultVersionId: string | undefined): number {
  const flagged = versions.findIndex((version) => version.IsDefaultVersion === true);
  if (flagged >= 0) return flagged;
  return defaultVersionId === undefined ? -1 : versions.findIndex((version) => version.VersionId === defaultVersionId);
}

function toRole(raw: RawRole): Role {
  return {
    arn: raw.Arn,
    name: raw.RoleName,
    path: raw.Path ?? '/',
    ...definedOnly('roleId', raw.RoleId),
    ...definedOnly('trustPolicy', raw.AssumeRolePolicyDocument),
    inlinePolicies: (raw.RolePolicyList ?? []).map((policy) => ({ name: policy.PolicyName, document: policy.PolicyDocument })),
    attachedPolicies: (raw.AttachedManagedPolicies ?? []).map((policy) => ({ arn: policy.PolicyArn, name: policy.PolicyName })),
    ...definedOnly('permissionsBoundaryArn', raw.PermissionsBoundary?.PermissionsBoundaryArn),
    instanceProfiles: (raw.InstanceProfileList ?? []).map((profile) => ({ arn: profile.Arn, name: profile.InstanceProfileName })),
    tags: raw.Tags,
  };
}

function collectInstanceProfiles(roles: readonly RawRole[]): InstanceProfile[] {
  const byArn = new Map<string, InstanceProfile>();
  for (const role of roles) {
    for (const profile of role.InstanceProfileList ?? []) {
      const entry = byArn.get(profile.Arn) ?? { arn: profile.Arn, name: profile.InstanceProfileName, roleArns: [] };
      // The listing role is a member when the profile's own Roles list is empty or absent (issue 8): AWS lists in a
      // role's InstanceProfileList the profiles that contain the role.
      const members = (profile.Roles ?? []).map((member) => member.Arn);
      for (const arn of members.length > 0 ? members : [role.Arn]) {
        if (!entry.roleArns.includes(arn)) entry.roleArns.push(arn);
      }
      byArn.set(profile.Arn, entry);
    }
  }
  return [...byArn.values()];
}

function missingPolicyGaps(roles: readonly Role[], policies: readonly ManagedPolicy[], fileName: string): CollectionGap[] {
  const known = new Set(policies.map((policy) => policy.arn));
  const users = new Map<string, string[]>();
  const use = (arn: string, how: string) => {
    if (known.has(arn)) return;
    users.set(arn, [...(users.get(arn) ?? []), how]);
  };
  for (const role of roles) {
    for (const policy of role.attachedPolicies) use(policy.arn, `attached to role ${role.name}`);
    if (role.permissionsBoundaryArn !== undefined) use(role.permissionsBoundaryArn, `permissions boundary of role ${role.name}`);
  }
  return [...users.entries()].map(([arn, uses]) => ({
    kind: 'managedPolicies',
    resourceId: arn,
    source: fileName,
    reason:
      `managed policy ${arn} (${uses.join(', ')}) is not in Policies, so its document is unknown; ` +
      'capture the file without --filter, or with --filter Role LocalManagedPolicy AWSManagedPolicy',
  }));
}
