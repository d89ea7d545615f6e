import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import type { PolicyDocument } from '../../domain/model/account-view.js';
import { parsePolicyDocument } from '../../domain/policy/document.js';
import type { IamRawData } from './iam-collection.js';

/** SourcePolicyType values of a principal's inline policy (IAM API model). */
const INLINE_TYPES: ReadonlySet<string> = new Set(['role', 'user', 'group']);
/** SourcePolicyType values of a managed policy (IAM API model). */
const MANAGED_TYPES: ReadonlySet<string> = new Set(['aws-managed', 'user-managed']);

/** A policy of a role, resolved from a SimulatePrincipalPolicy `SourcePolicyId` + `SourcePolicyType`. */
export interface PolicySource {
  /** Inline policy name, or managed policy ARN. */
  policyId: string;
  policyType: 'inline' | 'managed' | 'boundary';
  /** The document text as IAM stores it (positions in simulation results refer to it). */
  text: string;
  document: PolicyDocument;
}

/**
 * The policy documents of the collected roles, as IAM returned them, looked up the way simulation results refer
 * to them: inline policies by name (`SourcePolicyType` role), managed policies by name or ARN (`aws-managed`,
 * `user-managed`), restricted to what the role actually has attached or as its boundary.
 */
export class PolicyTextIndex {
  private readonly roles = new Map<string, RoleDetail>();
  private readonly policies = new Map<string, ManagedPolicyDetail>();

  constructor(raw: Pick<IamRawData, 'roleDetails' | 'policies'>) {
    for (const role of raw.roleDetails) if (role.Arn !== undefined) this.roles.set(role.Arn, role);
    for (const policy of raw.policies) if (policy.Arn !== undefined) this.policies.set(policy.Arn, policy);
  }

  /** The policy a matched statement came from; undefined when it is not one of the role's collected policies. */
  find(roleArn: string, sourcePolicyId: string, sourcePolicyType: string | undefined): PolicySource | undefined {
    const role = this.roles.get(roleArn);
    if (role === undefined) return undefined;
    const inline = (): PolicySource | undefined => {
      const policy = (role.RolePolicyList ?? []).find((p) => p.PolicyName === sourcePolicyId);
      return policy?.PolicyDocument === undefined ? undefined : source(sourcePolicyId, 'inline', policy.PolicyDocument, `role ${role.RoleName ?? ''} inline policy ${sourcePolicyId}`);
    };
    if (sourcePolicyType !== undefined && INLINE_TYPES.has(sourcePolicyType)) return inline();
    const candidates = [
      ...(role.AttachedManagedPolicies ?? []).map((p) => ({ arn: p.PolicyArn, type: 'managed' as const })),
      ...(role.PermissionsBoundary?.PermissionsBoundaryArn === undefined ? [] : [{ arn: role.PermissionsBoundary.PermissionsBoundaryArn, type: 'boundary' as const }]),
    ];
    for (const candidate of candidates) {
      const policy = candidate.arn === undefined ? undefined : this.policies.get(candidate.arn);
      if (policy === undefined || (policy.Arn !== sourcePolicyId && policy.PolicyName !== sourcePolicyId)) continue;
      const version = (policy.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true);
      if (version?.Document === undefined) return undefined;
      return source(policy.Arn ?? sourcePolicyId, candidate.type, version.Document, `managed policy ${policy.Arn ?? sourcePolicyId}`);
    }
    // A type outside the API model's list (the simulator has been seen to answer `IAM Policy` for every identity
    // policy): not an attached policy of that name or ARN, so an inline policy of that name.
    return sourcePolicyType !== undefined && MANAGED_TYPES.has(sourcePolicyType) ? undefined : inline();
  }
}

function source(policyId: string, policyType: PolicySource['policyType'], raw: string, where: string): PolicySource | undefined {
  const text = documentText(raw);
  if (text === undefined) return undefined;
  try {
    return { policyId, policyType, text, document: parsePolicyDocument(text, where) };
  } catch {
    return undefined;
  }
}

/**
 * The document text IAM stores, from what the SDK returns (URL-encoded; RFC 3986). parsePolicyDocument decodes and
 * validates the same input but hands back only the object; statement positions need the text itself.
 */
function documentText(raw: string): string | undefined {
  if (raw.trimStart().startsWith('{')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
