import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { fetchManagedPolicyDetail, fetchRoleDetail } from '../../../lib/adapters/iam/role-scoped-fetch.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import { BOUNDARY, ECR_POLICY, iamClient, replayRoleScoped, WORKER } from './support/mock-iam.js';

const iam = mockClient(IAMClient);
const context = () => ({ iam: iamClient(), call: testContext() });

describe('fetchRoleDetail', () => {
  beforeEach(() => {
    iam.reset();
    replayRoleScoped(iam);
  });

  it('assembles the GetAccountAuthorizationDetails RoleDetail from the role-scoped calls', async () => {
    // Act
    const result = await fetchRoleDetail(context(), WORKER);
    // Assert
    expect(result.kind).toBe('found');
    const detail = result.kind === 'found' ? result.detail : undefined;
    expect(detail).toMatchObject({
      RoleName: 'k8s-worker',
      Arn: WORKER,
      PermissionsBoundary: { PermissionsBoundaryArn: BOUNDARY },
      AttachedManagedPolicies: [{ PolicyName: 'k8s-ecr-read', PolicyArn: ECR_POLICY }],
      RolePolicyList: [{ PolicyName: 'k8s-worker-ec2' }],
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(detail?.InstanceProfileList?.map((p) => p.InstanceProfileName)).toEqual(['k8s-worker']);
    expect(iam.commandCalls(GetRoleCommand)[0]?.args[0].input).toEqual({ RoleName: 'k8s-worker' });
    expect(iam.commandCalls(ListRolePoliciesCommand)[0]?.args[0].input).toMatchObject({ RoleName: 'k8s-worker', MaxItems: 1000 });
  });

  it('follows IsTruncated/Marker and reads every inline policy listed on every page', async () => {
    // Arrange
    iam
      .on(ListRolePoliciesCommand, { RoleName: 'k8s-worker' })
      .resolvesOnce({ PolicyNames: ['a'], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ PolicyNames: ['b'], IsTruncated: false });
    iam.on(GetRolePolicyCommand, { RoleName: 'k8s-worker', PolicyName: 'a' }).resolves({ RoleName: 'k8s-worker', PolicyName: 'a', PolicyDocument: '%7B%7D' });
    iam.on(GetRolePolicyCommand, { RoleName: 'k8s-worker', PolicyName: 'b' }).resolves({ RoleName: 'k8s-worker', PolicyName: 'b', PolicyDocument: '%7B%7D' });
    // Act
    const result = await fetchRoleDetail(context(), WORKER);
    // Assert
    expect(iam.commandCalls(ListRolePoliciesCommand).map((c) => c.args[0].input.Marker)).toEqual([undefined, 'm1']);
    expect(result.kind === 'found' && result.detail.RolePolicyList?.map((p) => p.PolicyName)).toEqual(['a', 'b']);
  });

  it('reports a role that does not exist (NoSuchEntity) as absent, not as a gap', async () => {
    iam.on(GetRoleCommand, { RoleName: 'k8s-worker' }).rejects(Object.assign(awsError('NoSuchEntityException', 'The role with name k8s-worker cannot be found.', 404), { Code: 'NoSuchEntity' }));
    await expect(fetchRoleDetail(context(), WORKER)).resolves.toEqual({ kind: 'absent' });
  });

  it('reports a role found only under another path as absent with a note', async () => {
    const result = await fetchRoleDetail(context(), 'arn:aws:iam::123456789012:role/nodes/k8s-worker');
    expect(result).toEqual({ kind: 'absent', note: expect.stringContaining(`a role with the same name exists as ${WORKER}`) });
  });

  it('turns AccessDenied on GetRole into a gap for the role, never an empty success', async () => {
    iam.on(GetRoleCommand, { RoleName: 'k8s-worker' }).rejects(awsError('AccessDenied', 'User: audit is not authorized to perform: iam:GetRole', 403));
    await expect(fetchRoleDetail(context(), WORKER)).resolves.toEqual({
      kind: 'gap',
      gap: { kind: 'roles', resourceId: WORKER, source: 'iam:GetRole', reason: 'AccessDenied: User: audit is not authorized to perform: iam:GetRole' },
    });
  });

  it('leaves out a role whose inline policy cannot be read, with a gap naming the call', async () => {
    iam.on(GetRolePolicyCommand, { RoleName: 'k8s-worker' }).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetRolePolicy', 403));
    const result = await fetchRoleDetail(context(), WORKER);
    expect(result).toMatchObject({ kind: 'gap', gap: { kind: 'roles', resourceId: WORKER, source: 'iam:GetRolePolicy' } });
  });

  it('leaves out a role whose instance profiles cannot be listed', async () => {
    iam.on(ListInstanceProfilesForRoleCommand, { RoleName: 'k8s-worker' }).rejects(awsError('Throttling', 'Rate exceeded', 400, { attempts: 6 }));
    const result = await fetchRoleDetail(context(), WORKER);
    expect(result).toMatchObject({ kind: 'gap', gap: { source: 'iam:ListInstanceProfilesForRole', reason: 'Throttling: Rate exceeded (after 6 attempts)' } });
  });
});

describe('fetchManagedPolicyDetail', () => {
  beforeEach(() => {
    iam.reset();
    replayRoleScoped(iam);
  });

  it('reads the default version document (GetPolicy, then GetPolicyVersion of DefaultVersionId)', async () => {
    const result = await fetchManagedPolicyDetail(context(), ECR_POLICY);
    expect(result).toMatchObject({ kind: 'found', detail: { Arn: ECR_POLICY, DefaultVersionId: 'v2', PolicyVersionList: [{ VersionId: 'v2', IsDefaultVersion: true }] } });
    expect(iam.commandCalls(GetPolicyVersionCommand)[0]?.args[0].input).toEqual({ PolicyArn: ECR_POLICY, VersionId: 'v2' });
  });

  it('turns a failure into a managedPolicies gap for that ARN', async () => {
    iam.on(GetPolicyCommand, { PolicyArn: ECR_POLICY }).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetPolicy', 403));
    await expect(fetchManagedPolicyDetail(context(), ECR_POLICY)).resolves.toMatchObject({
      kind: 'gap',
      gap: { kind: 'managedPolicies', resourceId: ECR_POLICY, source: 'iam:GetPolicy' },
    });
  });

  it('treats a response without a document as a gap, not an empty policy', async () => {
    iam.on(GetPolicyVersionCommand, { PolicyArn: ECR_POLICY }).resolves({ PolicyVersion: { VersionId: 'v2' } });
    await expect(fetchManagedPolicyDetail(context(), ECR_POLICY)).resolves.toMatchObject({
      kind: 'gap',
      gap: { source: 'iam:GetPolicyVersion', reason: expect.stringMatching(/^IncompleteResponse/) },
    });
  });

  it('uses recorded data the same way for the boundary policy', async () => {
    const result = await fetchManagedPolicyDetail(context(), BOUNDARY);
    expect(result.kind === 'found' && result.detail.PolicyVersionList?.[0]?.Document).toBe(recorded<{ PolicyVersion: { Document: string } }>('iam.GetPolicyVersion_boundary').PolicyVersion.Document);
  });
});
