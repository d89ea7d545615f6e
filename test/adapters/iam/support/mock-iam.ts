import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import type { AwsStub } from 'aws-sdk-client-mock';
import { recorded } from '../../aws/support/recorded.js';

export const ACCOUNT = '123456789012';
export const WORKER = `arn:aws:iam::${ACCOUNT}:role/k8s-worker`;
export const CONTROL_PLANE = `arn:aws:iam::${ACCOUNT}:role/k8s-control-plane`;
export const ECR_POLICY = `arn:aws:iam::${ACCOUNT}:policy/k8s-ecr-read`;
export const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/k8s-boundary`;
export const WORKER_PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/k8s-worker`;
export const CONTROL_PLANE_PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/k8s-control-plane`;
export const LEGACY_PROFILE = `arn:aws:iam::${ACCOUNT}:instance-profile/legacy-nodes`;
export const LEGACY_ROLE = `arn:aws:iam::${ACCOUNT}:role/legacy-nodes`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type IamStub = AwsStub<any, any, any>;

/** Replays the recorded role-scoped responses for k8s-worker and k8s-control-plane (and their policies). */
export function replayRoleScoped(iam: IamStub): void {
  for (const [name, key] of [['k8s-worker', 'worker'], ['k8s-control-plane', 'control-plane']] as const) {
    iam.on(GetRoleCommand, { RoleName: name }).resolves(recorded(`iam.GetRole_${key}`));
    iam.on(ListRolePoliciesCommand, { RoleName: name }).resolves(recorded(`iam.ListRolePolicies_${key}`));
    iam.on(GetRolePolicyCommand, { RoleName: name }).resolves(recorded(`iam.GetRolePolicy_${key}`));
    iam.on(ListAttachedRolePoliciesCommand, { RoleName: name }).resolves(recorded(`iam.ListAttachedRolePolicies_${key}`));
    iam.on(ListInstanceProfilesForRoleCommand, { RoleName: name }).resolves(recorded(`iam.ListInstanceProfilesForRole_${key}`));
  }
  iam.on(GetPolicyCommand, { PolicyArn: ECR_POLICY }).resolves(recorded('iam.GetPolicy_ecr'));
  iam.on(GetPolicyVersionCommand, { PolicyArn: ECR_POLICY, VersionId: 'v2' }).resolves(recorded('iam.GetPolicyVersion_ecr'));
  iam.on(GetPolicyCommand, { PolicyArn: BOUNDARY }).resolves(recorded('iam.GetPolicy_boundary'));
  iam.on(GetPolicyVersionCommand, { PolicyArn: BOUNDARY, VersionId: 'v1' }).resolves(recorded('iam.GetPolicyVersion_boundary'));
}

/** A fresh IAM client (the mock intercepts every instance). */
export function iamClient(): IAMClient {
  return new IAMClient({ region: 'us-west-1' });
}
