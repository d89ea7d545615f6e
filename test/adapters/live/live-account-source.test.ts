import { beforeEach, describe, expect, it } from '@jest/globals';
import { DescribeInstancesCommand, DescribeRouteTablesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetAccountAuthorizationDetailsCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients, type ClientOptions } from '../../../lib/adapters/aws/create-clients.js';
import { AccountMismatchError, AwsCallError, DeadlineReachedError } from '../../../lib/adapters/aws/errors.js';
import { createLiveSource, LiveAccountSource } from '../../../lib/adapters/live/live-account-source.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import { ACCOUNT, CONTROL_PLANE, LEGACY_PROFILE, LEGACY_ROLE, WORKER } from '../iam/support/mock-iam.js';
import { cluster, replayAccount } from './support/replay-account.js';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const ec2 = mockClient(EC2Client);

describe('LiveAccountSource', () => {
  beforeEach(() => {
    sts.reset();
    iam.reset();
    ec2.reset();
    replayAccount(sts, iam, ec2);
  });

  it('collects IAM and EC2 into one AccountView for the cluster', async () => {
    // Act
    const { view, decisions, notes } = await new LiveAccountSource().collect(cluster());
    // Assert
    expect(view).toMatchObject({ account: ACCOUNT, region: 'us-west-1', gaps: [] });
    expect(view.nodes).toBeUndefined();
    expect(view.roles.map((r) => r.arn)).toEqual([CONTROL_PLANE, WORKER]);
    expect(view.instances).toHaveLength(4);
    expect(view.instanceProfiles.find((p) => p.arn === LEGACY_PROFILE)?.roleArns).toEqual([LEGACY_ROLE]);
    expect([view.subnets.length, view.routeTables.length, view.securityGroups.length]).toEqual([2, 2, 2]);
    expect(decisions?.engine).toBe('aws-simulation');
    expect(notes).toEqual([]);
    expect(iam.commandCalls(GetInstanceProfileCommand)).toHaveLength(1);
  });

  it('queries instances by the profiles of the configured roles', async () => {
    await new LiveAccountSource().collect(cluster());
    const profileQuery = ec2.commandCalls(DescribeInstancesCommand).find((c) => c.args[0].input.Filters?.[0]?.Name === 'iam-instance-profile.arn');
    expect(profileQuery?.args[0].input.Filters?.[0]?.Values).toEqual([
      `arn:aws:iam::${ACCOUNT}:instance-profile/k8s-control-plane`,
      `arn:aws:iam::${ACCOUNT}:instance-profile/k8s-worker`,
    ]);
  });

  it('assumes assumeRoleArn with the external id and hands the assumed credentials to the clients', async () => {
    // Arrange
    const built: ClientOptions[] = [];
    const source = new LiveAccountSource({
      clientFactory: (options) => {
        built.push(options);
        return createClients(options);
      },
    });
    // Act
    await source.collect(cluster({ assumeRoleArn: `arn:aws:iam::${ACCOUNT}:role/audit-reader`, externalId: 'ext-1234' }));
    // Assert
    expect(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      { RoleArn: `arn:aws:iam::${ACCOUNT}:role/audit-reader`, ExternalId: 'ext-1234', RoleSessionName: 'kube-aws-audit-prod-east', DurationSeconds: 3600 },
    ]);
    expect(built).toHaveLength(2);
    expect(built[0]?.credentials).toBeUndefined();
    const provider = built[1]?.credentials as () => Promise<{ accessKeyId: string }>;
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLEASSUMED01' });
    expect(built[1]).toMatchObject({ region: 'us-west-1', maxAttempts: 6, retryMode: 'adaptive' });
  });

  it('reuses the assumed credentials for the next collect of the same role', async () => {
    const source = new LiveAccountSource();
    const config = cluster({ assumeRoleArn: `arn:aws:iam::${ACCOUNT}:role/audit-reader` });
    await source.collect(config);
    await source.collect(config);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it('rejects with an AwsCallError naming sts:AssumeRole when the role cannot be assumed', async () => {
    sts.on(AssumeRoleCommand).rejects(awsError('AccessDenied', 'User: x is not authorized to perform: sts:AssumeRole', 403));
    const failure = await new LiveAccountSource().collect(cluster({ assumeRoleArn: `arn:aws:iam::${ACCOUNT}:role/audit-reader` })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect(failure).toMatchObject({ operation: 'sts:AssumeRole', kind: 'access-denied' });
    expect(iam.calls()).toHaveLength(0);
  });

  it('refuses to audit another account (AccountMismatchError) without touching IAM or EC2', async () => {
    const failure = await new LiveAccountSource().collect(cluster({ account: '210987654321' })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AccountMismatchError);
    expect((failure as Error).message).toMatch(/configured account 210987654321 but the AWS credentials are for account 123456789012/);
    expect(iam.calls()).toHaveLength(0);
    expect(ec2.calls()).toHaveLength(0);
  });

  it('records what it could not read as gaps and keeps the rest', async () => {
    iam.on(GetRoleCommand, { RoleName: 'k8s-control-plane' }).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetRole', 403));
    ec2.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'k8s-control-plane' }).resolves({ InstanceProfile: recorded<{ InstanceProfiles: never[] }>('iam.ListInstanceProfilesForRole_control-plane').InstanceProfiles[0] });
    const { view } = await new LiveAccountSource().collect(cluster());
    expect(view.roles.map((r) => r.arn)).toEqual([WORKER]);
    expect(view.instanceProfiles.find((p) => p.name === 'k8s-control-plane')?.roleArns).toEqual([CONTROL_PLANE]);
    expect(view.gaps.map((g) => [g.kind, g.source, g.resourceId])).toEqual([
      ['roles', 'iam:GetRole', CONTROL_PLANE],
      ['instances', 'iam:GetRole', undefined],
      ['routeTables', 'ec2:DescribeRouteTables', undefined],
      ['routeTables', 'ec2:DescribeRouteTables', undefined],
      ['routeTables', 'ec2:DescribeRouteTables', undefined],
    ]);
    expect(view.instances).toHaveLength(4);
  });

  it('says instances may be missing when a configured role (whose profiles find members) could not be read', async () => {
    // Arrange
    iam.on(GetRoleCommand, { RoleName: 'k8s-worker' }).rejects(awsError('AccessDenied', 'not authorized to perform: iam:GetRole', 403));
    iam.on(GetInstanceProfileCommand, { InstanceProfileName: 'k8s-worker' }).resolves({ InstanceProfile: recorded<{ InstanceProfiles: never[] }>('iam.ListInstanceProfilesForRole_worker').InstanceProfiles[0] });
    // Act
    const { view } = await new LiveAccountSource().collect(cluster());
    // Assert
    const profileQuery = ec2.commandCalls(DescribeInstancesCommand).find((c) => c.args[0].input.Filters?.[0]?.Name === 'iam-instance-profile.arn');
    expect(profileQuery?.args[0].input.Filters?.[0]?.Values).toEqual([`arn:aws:iam::${ACCOUNT}:instance-profile/k8s-control-plane`]);
    expect(view.gaps.filter((g) => g.kind === 'instances')).toEqual([
      {
        kind: 'instances',
        source: 'iam:GetRole',
        reason: `instances launched with the instance profiles of ${WORKER} could not be looked up, as the role could not be read (AccessDenied: not authorized to perform: iam:GetRole)`,
      },
    ]);
  });

  it('stops at the deadline: later calls become gaps saying so', async () => {
    // Arrange: the deadline passes while IAM is being read.
    const controller = new AbortController();
    iam.on(GetRoleCommand, { RoleName: 'k8s-worker' }).callsFake(() => {
      controller.abort();
      return recorded('iam.GetRole_worker');
    });
    // Act
    const { view } = await new LiveAccountSource({ deadline: controller.signal }).collect(cluster());
    // Assert
    expect(ec2.calls()).toHaveLength(0);
    expect(view.gaps.map((g) => g.reason)).toContain('deadline reached before ec2:DescribeInstances (query tag-key=kubernetes.io/cluster/prod-east)');
    expect(view.gaps.filter((g) => g.kind === 'roles').map((g) => g.reason)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^deadline reached (before|during) iam:/)]),
    );
  });

  it('rejects when the deadline passed before the first call', async () => {
    await expect(new LiveAccountSource({ deadline: new Date(0) }).collect(cluster())).rejects.toBeInstanceOf(DeadlineReachedError);
    expect(sts.calls()).toHaveLength(0);
  });

  it('falls back to the local evaluator when simulation is denied, the answers saying so', async () => {
    // Arrange
    iam.on(SimulatePrincipalPolicyCommand).rejects(awsError('AccessDenied', 'User: audit is not authorized to perform: iam:SimulatePrincipalPolicy', 403));
    const collected = await new LiveAccountSource().collect(cluster());
    const worker = collected.view.roles.find((r) => r.arn === WORKER);
    // Act
    const decisions = await collected.decisions?.decide({ role: worker as never, actions: ['ec2:DescribeInstances', 'ec2:TerminateInstances', 'ec2:CreateRoute'] });
    // Assert
    expect(decisions?.map((d) => d.decision)).toEqual(['allowed', 'explicitDeny', 'implicitDeny']);
    expect(new Set(decisions?.map((d) => `${d.engine}: ${d.fallbackReason}`))).toEqual(
      new Set(['local: AccessDenied: User: audit is not authorized to perform: iam:SimulatePrincipalPolicy']),
    );
    expect(collected.notes).toEqual([]);
  });

  it('simulates with the batch size it was given', async () => {
    iam.on(SimulatePrincipalPolicyCommand).callsFake((input: { ActionNames: string[] }) => ({
      EvaluationResults: input.ActionNames.map((a) => ({ EvalActionName: a, EvalDecision: 'allowed' })),
      IsTruncated: false,
    }));
    const collected = await new LiveAccountSource({ batchSize: 2 }).collect(cluster());
    const worker = collected.view.roles.find((r) => r.arn === WORKER);
    await collected.decisions?.decide({ role: worker as never, actions: ['ec2:A', 'ec2:B', 'ec2:C'] });
    expect(iam.commandCalls(SimulatePrincipalPolicyCommand)).toHaveLength(2);
  });

  it('with iamStrategy account-sweep reads IAM in one sweep and resolves every role\'s profiles from it', async () => {
    // Arrange
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_1'))
      .resolvesOnce(recorded('iam.GetAccountAuthorizationDetails_2'));
    // Act
    const { view } = await new LiveAccountSource({ iamStrategy: 'account-sweep' }).collect(cluster());
    // Assert
    expect(iam.commandCalls(GetRoleCommand)).toHaveLength(0);
    expect(iam.commandCalls(GetInstanceProfileCommand)).toHaveLength(0);
    expect(view.roles.map((r) => r.arn).sort()).toEqual([CONTROL_PLANE, WORKER]);
    expect(view.instanceProfiles.find((p) => p.arn === LEGACY_PROFILE)?.roleArns).toEqual([LEGACY_ROLE]);
    expect(view.gaps).toEqual([]);
  });

  it('declares every action it calls', () => {
    expect([...LiveAccountSource.permissions].sort()).toEqual(
      expect.arrayContaining(['ec2:DescribeInstances', 'iam:GetRole', 'iam:SimulatePrincipalPolicy', 'sts:AssumeRole', 'sts:GetCallerIdentity']),
    );
  });

  it('plugs into the CLI as createLiveSource(config)', () => {
    const source = createLiveSource({ clusters: [cluster()] });
    expect(source).toBeInstanceOf(LiveAccountSource);
    expect(source.mode).toBe('live');
  });
});
