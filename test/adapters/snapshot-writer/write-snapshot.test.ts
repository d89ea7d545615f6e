import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ManagedPolicyDetail, RoleDetail } from '@aws-sdk/client-iam';
import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawAccountData } from '../../../lib/adapters/live/raw-account-data.js';
import { readSnapshot } from '../../../lib/adapters/snapshot/read-snapshot.js';
import { writeSnapshot } from '../../../lib/adapters/snapshot-writer/write-snapshot.js';
import { recorded } from '../aws/support/recorded.js';

function rawData(overrides: Partial<RawAccountData> = {}): RawAccountData {
  const gaad1 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_1');
  const gaad2 = recorded<{ RoleDetailList: RoleDetail[]; Policies: ManagedPolicyDetail[] }>('iam.GetAccountAuthorizationDetails_2');
  return {
    account: '123456789012',
    region: 'us-west-1',
    clusters: ['prod-east'],
    iam: { roleDetails: [...gaad1.RoleDetailList, ...gaad2.RoleDetailList], policies: [...gaad1.Policies, ...gaad2.Policies], instanceProfiles: [] },
    reservations: recorded<{ Reservations: never[] }>('ec2.DescribeInstances_legacy-tag_1').Reservations,
    subnets: recorded<{ Subnets: never[] }>('ec2.DescribeSubnets_1').Subnets,
    routeTables: recorded<{ RouteTables: never[] }>('ec2.DescribeRouteTables_1').RouteTables,
    securityGroups: recorded<{ SecurityGroups: never[] }>('ec2.DescribeSecurityGroups_1').SecurityGroups,
    gaps: [],
    notes: [],
    ...overrides,
  };
}

describe('writeSnapshot', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kaa-snapshot-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the snapshot directory contract, and nothing else', async () => {
    const written = await writeSnapshot(rawData(), dir, () => new Date('2026-09-01T12:00:00Z'));
    expect((await readdir(dir)).sort()).toEqual([
      'ec2-describe-instances.json',
      'ec2-describe-route-tables.json',
      'ec2-describe-security-groups.json',
      'ec2-describe-subnets.json',
      'iam-get-account-authorization-details.json',
      'meta.json',
    ]);
    expect(written.files).toHaveLength(6);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toEqual({
      account: '123456789012',
      region: 'us-west-1',
      clusters: ['prod-east'],
      capturedAt: '2026-09-01T12:00:00.000Z',
    });
  });

  it('writes what the AWS CLI prints: decoded documents, CLI timestamps, 4-space indent', async () => {
    await writeSnapshot(rawData(), dir);
    const iamText = await readFile(join(dir, 'iam-get-account-authorization-details.json'), 'utf8');
    const iam = JSON.parse(iamText) as { RoleDetailList: { AssumeRolePolicyDocument: unknown; CreateDate: string }[]; UserDetailList: unknown[] };
    expect(iamText.startsWith('{\n    "UserDetailList": []')).toBe(true);
    expect(iam.RoleDetailList[0]?.AssumeRolePolicyDocument).toMatchObject({ Version: '2012-10-17' });
    expect(iam.RoleDetailList[0]?.CreateDate).toBe('2024-03-01T09:58:00+00:00');
    const instances = JSON.parse(await readFile(join(dir, 'ec2-describe-instances.json'), 'utf8')) as { Reservations: { Instances: { LaunchTime: string }[] }[] };
    expect(instances.Reservations[0]?.Instances[0]?.LaunchTime).toBe('2026-08-30T07:15:42+00:00');
  });

  it('is read back by the snapshot reader into the same resources', async () => {
    // Act
    await writeSnapshot(rawData(), dir);
    const view = await readSnapshot(dir);
    // Assert
    expect(view.account).toBe('123456789012');
    expect(view.region).toBe('us-west-1');
    expect(view.roles.map((r) => r.name).sort()).toEqual(['k8s-control-plane', 'k8s-worker', 'legacy-nodes']);
    expect(view.managedPolicies.map((p) => p.name).sort()).toEqual(['k8s-boundary', 'k8s-ecr-read']);
    expect(view.instances.map((i) => i.instanceId)).toEqual(['i-0f00d00000000001', 'i-0f00d00000000002']);
    expect(view.subnets).toHaveLength(2);
    expect(view.gaps).toEqual([]);
  });

  it('records the collection gaps and notes in meta.json, so an incomplete snapshot says so', async () => {
    const gaps = [{ kind: 'subnets' as const, source: 'ec2:DescribeSubnets', reason: 'UnauthorizedOperation: no' }];
    await writeSnapshot(rawData({ gaps, notes: ['n1'] }), dir);
    expect(JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'))).toMatchObject({ gaps, notes: ['n1'] });
  });

  // Issue 9: the writer used the predictable temporary name `<file>.<pid>.tmp` and followed a symlink planted there.
  it('never follows a symlink planted at the old predictable temporary name or at the target name', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'kaa-outside-'));
    try {
      const victim = join(outside, 'victim.txt');
      await writeFile(victim, 'untouched\n');
      const out = join(dir, 'snap');
      await writeSnapshot(rawData(), out); // creates the directory
      const planted = ['meta.json', 'ec2-describe-subnets.json'];
      for (const name of planted) {
        await rm(join(out, name));
        await symlink(victim, join(out, name)); // the target itself
        await symlink(victim, join(out, `${name}.${process.pid}.tmp`)); // the old temporary name
      }

      await writeSnapshot(rawData(), out);

      expect(await readFile(victim, 'utf8')).toBe('untouched\n');
      for (const name of planted) {
        expect((await lstat(join(out, name))).isFile()).toBe(true);
        expect((await lstat(join(out, name))).isSymbolicLink()).toBe(false);
      }
      expect(JSON.parse(await readFile(join(out, 'meta.json'), 'utf8'))).toMatchObject({ account: '123456789012' });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('writes through unpredictable temporary names in the target directory and leaves none behind', async () => {
    await writeSnapshot(rawData(), dir);
    await writeSnapshot(rawData(), dir);

    const names = await readdir(dir);
    expect(names.filter((n) => n.includes('.tmp'))).toEqual([]);
    expect(names.sort()).toHaveLength(6);
  });
});
