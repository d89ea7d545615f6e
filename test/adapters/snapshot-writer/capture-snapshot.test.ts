import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListInstanceProfilesForRoleCommand,
  ListRolePoliciesCommand,
  type RoleDetail,
} from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../lib/app/errors.js';
import { LiveAccountSource } from '../../../lib/adapters/live/live-account-source.js';
import { readSnapshot } from '../../../lib/adapters/snapshot/read-snapshot.js';
import { captureSnapshot } from '../../../lib/adapters/snapshot-writer/capture-snapshot.js';
import { awsError, recorded } from '../aws/support/recorded.js';
import { LEGACY_ROLE } from '../iam/support/mock-iam.js';
import { cluster, replayAccount } from '../live/support/replay-account.js';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const ec2 = mockClient(EC2Client);

/** The role of the unexpected legacy-nodes profile, role-scoped (the capture reads it for a complete snapshot). */
function replayLegacyRole(): void {
  const detail = recorded<{ RoleDetailList: RoleDetail[] }>('iam.GetAccountAuthorizationDetails_1').RoleDetailList[1] as RoleDetail;
  iam.on(GetRoleCommand, { RoleName: 'legacy-nodes' }).resolves({ Role: { ...detail, RoleName: 'legacy-nodes', Arn: LEGACY_ROLE, Path: '/', RoleId: detail.RoleId ?? '', CreateDate: detail.CreateDate ?? new Date(0) } });
  iam.on(ListRolePoliciesCommand, { RoleName: 'legacy-nodes' }).resolves({ PolicyNames: [], IsTruncated: false });
  iam.on(ListAttachedRolePoliciesCommand, { RoleName: 'legacy-nodes' }).resolves({ AttachedPolicies: [], IsTruncated: false });
  iam.on(ListInstanceProfilesForRoleCommand, { RoleName: 'legacy-nodes' }).resolves({ InstanceProfiles: detail.InstanceProfileList, IsTruncated: false });
}

const byId = <T>(key: (item: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));

describe('captureSnapshot', () => {
  let dir: string;

  beforeEach(async () => {
    sts.reset();
    iam.reset();
    ec2.reset();
    replayAccount(sts, iam, ec2);
    replayLegacyRole();
    dir = await mkdtemp(join(tmpdir(), 'kaa-capture-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a snapshot that the snapshot reader reads back into the view the live engine saw', async () => {
    // Arrange
    const source = new LiveAccountSource();
    const live = (await source.capture(cluster())).collected.view;
    // Act
    const result = await captureSnapshot(cluster(), dir, { source });
    const snapshot = await readSnapshot(dir);
    // Assert
    expect(result).toMatchObject({ account: '123456789012', region: 'us-west-1', clusters: ['prod-east'], gaps: [] });
    expect(snapshot.account).toBe(live.account);
    expect(snapshot.region).toBe(live.region);
    for (const role of live.roles) expect(snapshot.roles.find((r) => r.arn === role.arn)).toEqual(role);
    expect(snapshot.roles.map((r) => r.arn)).toContain(LEGACY_ROLE);
    expect([...snapshot.managedPolicies].sort(byId((p) => p.arn))).toEqual([...live.managedPolicies].sort(byId((p) => p.arn)));
    expect([...snapshot.instanceProfiles].sort(byId((p) => p.arn))).toEqual([...live.instanceProfiles].sort(byId((p) => p.arn)));
    expect([...snapshot.instances].sort(byId((i) => i.instanceId))).toEqual([...live.instances].sort(byId((i) => i.instanceId)));
    expect(snapshot.subnets).toEqual(live.subnets);
    expect(snapshot.routeTables).toEqual(live.routeTables);
    expect(snapshot.securityGroups).toEqual(live.securityGroups);
    expect(snapshot.gaps).toEqual([]);
  });

  it('reads the role of an unexpected instance profile in full for the snapshot', async () => {
    await captureSnapshot(cluster(), dir);
    expect(iam.commandCalls(GetRoleCommand).map((c) => c.args[0].input.RoleName).sort()).toEqual(['k8s-control-plane', 'k8s-worker', 'legacy-nodes']);
  });

  it('says what it could not collect, in the result and in meta.json', async () => {
    ec2.on(DescribeSubnetsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const result = await captureSnapshot(cluster(), dir);
    expect(result.gaps).toEqual([expect.objectContaining({ kind: 'subnets', source: 'ec2:DescribeSubnets' })]);
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as { gaps: unknown[] };
    expect(meta.gaps).toEqual(result.gaps);
  });

  it('merges clusters of one account and region into one snapshot', async () => {
    const result = await captureSnapshot([cluster(), cluster({ name: 'prod-west' })], dir);
    expect(result.clusters).toEqual(['prod-east', 'prod-west']);
    const instances = JSON.parse(await readFile(join(dir, 'ec2-describe-instances.json'), 'utf8')) as { Reservations: { Instances: { InstanceId: string }[] }[] };
    const ids = instances.Reservations.flatMap((r) => r.Instances.map((i) => i.InstanceId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses clusters in several regions (a snapshot holds one region)', async () => {
    const failure = await captureSnapshot([cluster(), cluster({ name: 'eu', region: 'eu-west-1' })], dir).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toMatch(/one region.*us-west-1, eu-west-1/);
  });
});
