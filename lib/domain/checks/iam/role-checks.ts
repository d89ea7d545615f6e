import type { CheckEvaluator, CheckMeta } from '../check.js';
import type { FindingDraft, ResourceRef } from '../../findings/finding.js';
import { RESOURCE_TYPES } from '../../findings/finding.js';
import { iamAnalysisOf, type IamRoleInput } from './iam-check-input.js';
import { evaluateTrustPolicy } from './trust-policy.js';

/** The checks this module evaluates (docs/architecture.md "A check is one unit"). */
export const CHECKS = [
  { id: 'iam.role.missing', family: 'iam', severity: 'high', unit: 'role',
    title: 'Configured role does not exist',
    risk: 'Nothing the cloud provider does with this role can work; instances using it cannot be checked.',
    remediation: 'Create the role or fix the ARN in the config.',
    reads: ['roles', 'iam'] },
  { id: 'iam.role.trust', family: 'iam', severity: 'high', unit: 'role',
    title: 'Trust policy does not let ec2.amazonaws.com assume the role',
    risk: 'EC2 cannot deliver the role\'s credentials to instances, so the cloud provider runs without permissions.',
    remediation: 'aws iam update-assume-role-policy --role-name ROLE --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\'',
    reads: ['roles', 'iam'] },
] as const satisfies readonly CheckMeta[];

export const ROLE_MISSING = CHECKS[0].id;
export const ROLE_TRUST = CHECKS[1].id;

const TRUST_FIX =
  'aws iam update-assume-role-policy --role-name ROLE --policy-document \'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\'';

/** The resource a role finding is about: the collected role, else the configured ARN. */
export function roleResource(input: IamRoleInput): ResourceRef {
  const arn = input.role?.arn ?? input.configuredArn;
  return { type: RESOURCE_TYPES.role, id: arn, arn };
}

/** `controlPlane role k8s-master` style label. */
export function roleLabel(input: IamRoleInput): string {
  const name = input.role?.name ?? input.configuredArn.split('/').pop() ?? input.configuredArn;
  return `${input.keys.join('+')} role ${name}`;
}

/** iam.role.missing: the configured role is not in the account (fail), or roles could not be collected (error). */
export function checkRoleMissing(input: IamRoleInput): FindingDraft[] {
  if (input.role) return [];
  const base = { check: ROLE_MISSING, resource: roleResource(input) };
  if (input.unavailable !== undefined) {
    return [
      {
        ...base,
        status: 'error',
        detail: `Could not check whether ${roleLabel(input)} exists: ${input.unavailable}`,
        evidence: { configuredArn: input.configuredArn, roleKeys: input.keys, reason: input.unavailable },
      },
    ];
  }
  return [
    {
      ...base,
      detail: `${roleLabel(input)} (${input.configuredArn}) is configured but does not exist in the account.`,
      evidence: { configuredArn: input.configuredArn, roleKeys: input.keys },
    },
  ];
}

/** iam.role.trust: the trust policy must let ec2.amazonaws.com call sts:AssumeRole. */
export function checkRoleTrust(input: IamRoleInput): FindingDraft[] {
  const resource = roleResource(input);
  const base = { check: ROLE_TRUST, resource, remediation: TRUST_FIX };
  if (!input.role) {
    if (input.unavailable === undefined) return [];
    return [{ ...base, status: 'error', detail: `Could not check the trust policy of ${roleLabel(input)}: ${input.unavailable}` }];
  }
  if (!input.role.trustPolicy) {
    return [{ ...base, status: 'error', detail: `Could not check the trust policy of ${roleLabel(input)}: the collected data has no trust policy for it.` }];
  }
  const verdict = evaluateTrustPolicy(input.role.trustPolicy);
  switch (verdict.outcome) {
    case 'allowed':
      return [];
    case 'malformed':
      return [{ ...base, status: 'error', detail: `Could not evaluate the trust policy of ${roleLabel(input)}: ${verdict.reason}.`, evidence: { trustPolicy: input.role.trustPolicy } }];
    case 'undetermined':
      return [
        {
          ...base,
          status: 'error',
          detail: `Could not tell whether ec2.amazonaws.com may assume ${roleLabel(input)}: ${verdict.reason}.`,
          evidence: { statements: verdict.statements, trustPolicy: input.role.trustPolicy },
        },
      ];
    case 'denied':
      return [
        {
          ...base,
          detail:
            verdict.reason === 'explicit-deny'
              ? `The trust policy of ${roleLabel(input)} explicitly denies ec2.amazonaws.com sts:AssumeRole, so instances get no credentials from it.`
              : `The trust policy of ${roleLabel(input)} does not allow ec2.amazonaws.com to call sts:AssumeRole, so instances get no credentials from it.`,
          evidence: { reason: verdict.reason, deniedBy: verdict.deniedBy, trustPolicy: input.role.trustPolicy },
        },
      ];
  }
}

/** This module's evaluate function (the registry runs it), over every configured role of the IAM analysis. */
export const evaluate: CheckEvaluator = (input) => iamAnalysisOf(input).roles.flatMap((role) => [...checkRoleMissing(role), ...checkRoleTrust(role)]);
