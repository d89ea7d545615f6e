import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  GetAccountAuthorizationDetailsCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import type { AccountSweep } from '../../../lib/adapters/iam/account-sweep-fetch.js';
import { IamCollector } from '../../../lib/adapters/iam/iam-collector.js';
import { testContext } from '../aws/support/contexts.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import {
  ACCOUNT,
  BOUNDARY,
  CONTROL_PLANE,
  CONTROL_PLANE_PROFILE,
  ECR_POLICY,
  iamClient,
  LEGACY_PROFILE,
  LEGACY_ROLE,
  replayRoleScoped,
  WORKER,
  WORKER_PROFILE,
} from './support/mock-iam.js';

const iam = mockClient(IAMClient);
const collector = (options: Partial<ConstructorParameters<typeof IamCollector>[0]> = {}) =>
  new IamCollector({ iam: iamClient(), context: testContext(), account: ACCOUNT, ...options });
const noSuchEntity = (what: string) => Object.assign(awsError('NoSuchEntityException', `${what} cannot be found.`, 404), { Code: 'NoSuchEntity' });

describe('IamCollector (role-scoped)', () => {
  beforeEach(() => {
    iam.reset();
    replayRoleScoped(iam);
  });

  it('reads the configured roles with decoded documents, boundary, profiles and tags', async () => {
    // Act
    const out = await collector().collectRoles([CONTROL_PLANE, WORKER]);
    // Assert
    expect(out.gaps).toEqual([]);
    const worker = out.roles.find((r) => r.arn === WORKER);
    expect(worker).toMatchObject({
      name: 'k8s-worker',
      path: '/',
      roleId: 'AROAEXAMPLEWORKER001',
      permissionsBoundaryArn: BOUNDARY,
      attachedPolicies: [{ arn: ECR_POLICY, name: 'k8s-ecr-read' }],
      instanceProfiles: [{ arn: WORKER_PROFILE, name: 'k8s-worker' }],
      tags: { team: 'platform' },
    });
    expect(worker?.trustPolicy?.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(worker?.inlinePolicies[0]?.document.Statement).toHaveLength(2);
    expect(out.managedPolicies.map((p) => [p.arn, p.defaultVersionId])).toEqual([
      [ECR_POLICY, 'v2'],
      [BOUNDARY, 'v1'],
    ]);
    expect(out.instanceProfiles).toEqual([
      { arn: CONTROL_PLANE_PROFILE, name: 'k8s-control-plane', roleArns: [CONTROL_PLANE] },
      { arn: WORKER_PROFILE, name: 'k8s-worker', roleArns: [WORKER] },
    ]);
    expect(out.raw.roleDetails).toHaveLength(2);
    expect(out.raw.policies).toHaveLength(2);
  });

  it('costs a handful of calls per role and fetches a shared managed policy once', async () => {
    // Arrange: both roles attach the same policy.
    iam.on(GetRoleCommand, { RoleName: 'k8s-control-plane' }).resolves({
      Role: { ...recorded<{ Role: object }>('iam.GetRole_control-plane').Role, PermissionsBoundary: { PermissionsBoundaryArn: BOUNDARY, PermissionsBoundaryType: 'Policy' } },
    } as never);
    // Act
    const out = await collector().collectRoles([CONTROL_PLANE, WORKER, WORKER]);
    // Assert
    expect(out.roles).toHaveLength(2);
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(2);
    expect(iam.commandCalls(GetPolicyCommand).map((c) => c.args[0].input.PolicyArn).sort()).toEqual([ECR_POLICY, BOUNDARY].sort());
    expect(iam.calls()).toHaveLength(2 * 5 + 2 * 2);
  });

  it('leaves a missing role out without a gap (iam.role.missing is the checks\' job)', async () => {
    iam.on(GetRoleCommand, { RoleName: 'k8s-worker' }).rejects(noSuchEntity('The role with name k8s-worker'));
    const out = await collector().collectRoles([WORKER, CONTROL_PLANE]);
    expect(out.roles.map((r) => r.arn)).toEqual([CONTROL_PLANE]);
    expect(out.gaps).toEqual([]);
  });

  it('records AccessDenied as a gap for the role, never an empty success', async () => {
    iam.on(GetRoleCommand).rejects(awsError('AccessDenied', 'User: audit is not authorized to perform: iam:GetRole', 403));
    const out = await collector().collectRoles([WORKER]);
    expect(out.roles).toEqual([]);
    expect(out.gaps).toEqual([{ kind: 'roles', resourceId: WORKER, source: 'iam:GetRole', reason: 'AccessDenied: User: audit is not authorized to perform: iam:GetRole' }]);
  });

  it('keeps the role but records a managedPolicies gap when a managed policy cannot be read', async () => {
    iam.on(GetPolicyCommand, { PolicyArn: ECR_POLICY }).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetPolicy', 403));
    const out = await collector().collectRoles([WORKER]);
    expect(out.roles.map((r) => r.arn)).toEqual([WORKER]);
    expect(out.managedPolicies.map((p) => p.arn)).toEqual([BOUNDARY]);
    expect(out.gaps).toEqual([expect.objectContaining({ kind: 'managedPolicies', resourceId: ECR_POLICY, source: 'iam:GetPolicy' })]);
  });

  it('turns a malformed policy document into a gap for the role', async () => {
    iam.on(GetRolePolicyCommand, { RoleName: 'k8s-worker' }).resolves({ RoleName: 'k8s-worker', PolicyName: 'k8s-worker-ec2', PolicyDocument: '%7B%22Version%22%3A%222012-10-17%22%7D' });
    const out = await collector().collectRoles([WORKER]);
    expect(out.roles).toEqual([]);
    expect(out.gaps).toEqual([expect.objectContaining({ kind: 'roles', resourceId: WORKER, reason: expect.stringMatching(/^MalformedPolicyDocument: .*Statement: missing/) })]);
  });

  it('does not call IAM for a role of another account: it is a gap saying why', async () => {
    const foreign = 'arn:aws:iam::210987654321:role/k8s-worker';
    const out = await collector().collectRoles([foreign]);
    expect(iam.calls()).toHaveLength(0);
    expect(out.gaps).toEqual([expect.objectContaining({ kind: 'roles', resourceId: foreign, reason: expect.stringMatching(/^OtherAccount: .*account 210987654321 .*account 123456789012/) })]);
  });
});

describe('IamCollector.resolveInstanceProfiles', () => {
  beforeEach(() => {
    iam.reset();
  });

  it('resolves only unknown profiles, each with GetInstanceProfile', async () => {
    // Arrange
    iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'legacy-nodes' }).resolves(recorded('iam.GetInstanceProfile_legacy'));
    // Act
    const out = await collector().resolveInstanceProfiles([WORKER_PROFILE, LEGACY_PROFILE, LEGACY_PROFILE], new Set([WORKER_PROFILE]));
    // Assert
    expect(iam.commandCalls(GetInstanceProfileCommand).map((c) => c.args[0].input)).toEqual([{ InstanceProfileName: 'legacy-nodes' }]);
    expect(out.instanceProfiles).toEqual([{ arn: LEGACY_PROFILE, name: 'legacy-nodes', roleArns: [LEGACY_ROLE] }]);
    expect(out.raw.instanceProfiles).toHaveLength(1);
  });

  it('notes a profile that does not exist and records a denied one as a gap', async () => {
    const gone = `arn:aws:iam::${ACCOUNT}:instance-profile/gone`;
    iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'gone' }).rejects(noSuchEntity('Instance Profile gone'));
    iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'legacy-nodes' }).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetInstanceProfile', 403));
    const out = await collector().resolveInstanceProfiles([gone, LEGACY_PROFILE], new Set());
    expect(out.instanceProfiles).toEqual([]);
    expect(out.notes).toEqual([`instance profile ${gone} used by instances does not exist`]);
    expect(out.gaps).toEqual([expect.objectContaining({ kind: 'roles', resourceId: LEGACY_PROFILE, source: 'iam:GetInstanceProfile' })]);
  });

  it('runs under the IAM concurrency cap', async () => {
    // Arrange
    let active = 0;
    let peak = 0;
    iam.on(GetInstanceProfileCommand).callsFake(async (input: { InstanceProfileName: string }) => {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      return { InstanceProfile: { InstanceProfileName: input.InstanceProfileName, Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${input.InstanceProfileName}`, Roles: [] } };
    });
    const arns = Array.from({ length: 12 }, (_, i) => `arn:aws:iam::${ACCOUNT}:instance-profile/p${i}`);
    // Act
    const out = await collector({ context: testContext({ concurrency: 3 }) }).resolveInstanceProfiles(arns, new Set());
    // Assert
    expect(out.instanceProfiles).toHaveLength(12);
    expect(peak).toBe(3);
  });
});

describe('IamCollector (account-sweep)', () => {
  beforeEach(() => {
    iam.reset();
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_1'))
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_2'));
  });

  it('finds the configured roles in one sweep and knows every role\'s instance profiles', async () => {
    // Act
    const out = await collector({ strategy: 'account-sweep' }).collectRoles([WORKER, CONTROL_PLANE]);
    // Assert
    expect(iam.calls()).toHaveLength(2);
    expect(out.gaps).toEqual([]);
    expect(out.roles.map((r) => r.arn)).toEqual([WORKER, CONTROL_PLANE]);
    expect(out.managedPolicies.map((p) => p.arn).sort()).toEqual([BOUNDARY, ECR_POLICY].sort());
    expect(out.instanceProfiles.map((p) => p.arn).sort()).toEqual([CONTROL_PLANE_PROFILE, LEGACY_PROFILE, WORKER_PROFILE].sort());
    expect(out.raw.roleDetails).toHaveLength(3);
  });

  it('gives the same role picture as the role-scoped strategy', async () => {
    replayRoleScoped(iam);
    const sweep = await collector({ strategy: 'account-sweep' }).collectRoles([WORKER]);
    const scoped = await collector({ strategy: 'role-scoped' }).collectRoles([WORKER]);
    expect(sweep.roles).toEqual(scoped.roles);
    expect(sweep.managedPolicies.sort((a, b) => a.arn.localeCompare(b.arn))).toEqual(scoped.managedPolicies.sort((a, b) => a.arn.localeCompare(b.arn)));
  });

  it('shares one sweep between collectors of the same account', async () => {
    const sweeps = new Map<string, Promise<AccountSweep>>();
    await collector({ strategy: 'account-sweep', sweeps }).collectRoles([WORKER]);
    await collector({ strategy: 'account-sweep', sweeps }).collectRoles([CONTROL_PLANE]);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
  });

  it('reports a configured role that is not in the account as absent', async () => {
    const out = await collector({ strategy: 'account-sweep' }).collectRoles([`arn:aws:iam::${ACCOUNT}:role/nope`]);
    expect(out.roles).toEqual([]);
    expect(out.gaps).toEqual([]);
  });

  it('records a gap for every configured role when the sweep fails', async () => {
    iam.reset();
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetAccountAuthorizationDetails', 403));
    const out = await collector({ strategy: 'account-sweep' }).collectRoles([WORKER, CONTROL_PLANE]);
    expect(out.roles).toEqual([]);
    expect(out.gaps.map((g) => [g.kind, g.resourceId, g.source])).toEqual([
      ['roles', WORKER, 'iam:GetAccountAuthorizationDetails'],
      ['roles', CONTROL_PLANE, 'iam:GetAccountAuthorizationDetails'],
      ['managedPolicies', undefined, 'iam:GetAccountAuthorizationDetails'],
    ]);
  });
});

// Issue 12: strategy auto reads the roles in whichever costs fewer calls (lib/adapters/iam/iam-strategy.ts).
describe('IamCollector (auto)', () => {
  beforeEach(() => {
    iam.reset();
    replayRoleScoped(iam);
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_1'))
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_2'));
  });

  it('sweeps when the sweep costs no more pages than the role reads (2 pages <= 4 x 2 roles), with no role call', async () => {
    const out = await collector({ strategy: 'auto' }).collectRoles([WORKER, CONTROL_PLANE]);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(0);
    expect(out.roles.map((r) => r.arn)).toEqual([WORKER, CONTROL_PLANE]);
    expect(out.notes).toEqual([]);
  });

  it('stops the sweep at the role-scoped floor and reads the roles one by one, with a note', async () => {
    const sweeps = new Map<string, Promise<AccountSweep>>();
    const out = await collector({ strategy: 'auto', sweepBudget: 1, sweeps }).collectRoles([WORKER]);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(1);
    expect(out.roles).toEqual((await collector({ strategy: 'role-scoped' }).collectRoles([WORKER])).roles);
    expect(out.notes).toEqual(['iam:GetAccountAuthorizationDetails: the account has more than 1000 roles and policies, so the configured roles were read one by one (fewer calls)']);
    // The next cluster of the account does not try the sweep again.
    await collector({ strategy: 'auto', sweepBudget: 1, sweeps }).collectRoles([CONTROL_PLANE]);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
  });

  it('reads the roles one by one, with a note, when the sweep is denied', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetAccountAuthorizationDetails', 403));
    const out = await collector({ strategy: 'auto' }).collectRoles([WORKER]);
    expect(out.gaps).toEqual([]);
    expect(out.roles.map((r) => r.arn)).toEqual([WORKER]);
    expect(out.notes).toHaveLength(1);
    expect(out.notes[0]).toMatch(/^iam:GetAccountAuthorizationDetails failed \(AccessDenied: .*\); the configured roles were read one by one instead$/);
  });
});
