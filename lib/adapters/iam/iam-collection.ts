import type { InstanceProfile as SdkInstanceProfile, ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import type { CollectionGap, InstanceProfile, ManagedPolicy, Role } from '../../domain/model/account-view.js';

/**
 * What IAM returned, in IAM's own shapes (the GetAccountAuthorizationDetails shapes, documents still URL-encoded):
 * the snapshot writer turns it into `iam-get-account-authorization-details.json`.
 */
export interface IamRawData {
  roleDetails: RoleDetail[];
  policies: ManagedPolicyDetail[];
  /** Instance profiles resolved with GetInstanceProfile (referenced by instances, not by any fetched role). */
  instanceProfiles: SdkInstanceProfile[];
}

/** The IAM part of an AccountView, plus what could not be collected. */
export interface IamCollection {
  /** The requested roles that exist and were read completely. Absent: the role does not exist (or see `gaps`). */
  roles: Role[];
  managedPolicies: ManagedPolicy[];
  instanceProfiles: InstanceProfile[];
  gaps: CollectionGap[];
  notes: string[];
  raw: IamRawData;
}

/** An empty collection to merge into. */
export function emptyIamCollection(): IamCollection {
  return { roles: [], managedPolicies: [], instanceProfiles: [], gaps: [], notes: [], raw: { roleDetails: [], policies: [], instanceProfiles: [] } };
}

/** Merges two collections (later wins nothing: entries are deduplicated by ARN, first kept). */
export function mergeIamCollections(a: IamCollection, b: IamCollection): IamCollection {
  return {
    roles: uniqueBy([...a.roles, ...b.roles], (r) => r.arn),
    managedPolicies: uniqueBy([...a.managedPolicies, ...b.managedPolicies], (p) => p.arn),
    instanceProfiles: uniqueBy([...a.instanceProfiles, ...b.instanceProfiles], (p) => p.arn),
    gaps: [...a.gaps, ...b.gaps],
    notes: [...new Set([...a.notes, ...b.notes])],
    raw: {
      roleDetails: uniqueBy([...a.raw.roleDetails, ...b.raw.roleDetails], (r) => r.Arn ?? ''),
      policies: uniqueBy([...a.raw.policies, ...b.raw.policies], (p) => p.Arn ?? ''),
      instanceProfiles: uniqueBy([...a.raw.instanceProfiles, ...b.raw.instanceProfiles], (p) => p.Arn ?? ''),
    },
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
