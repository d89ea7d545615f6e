import { afterEach, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSnapshot, readSnapshot } from '../../../lib/adapters/snapshot/read-snapshot.js';
import { BASIC_SNAPSHOT, fixtureJson, snapshotCopy, snapshotRejectionOf } from './snapshot-fixture.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';

const cleanups: (() => Promise<void>)[] = [];

async function copyWith(changes: Parameters<typeof snapshotCopy>[0]): Promise<string> {
  const copy = await snapshotCopy(changes);
  cleanups.push(copy.cleanup);
  return copy.dir;
}

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('readSnapshot', () => {
  it('reads a CLI-shaped snapshot into a complete view', async () => {
    const view = await readSnapshot(BASIC_SNAPSHOT);

    expect({
      account: view.account,
      region: view.region,
      roles: view.roles.length,
      managedPolicies: view.managedPolicies.length,
      instanceProfiles: view.instanceProfiles.length,
      instances: view.instances.length,
      subnets: view.subnets.length,
      routeTables: view.routeTables.length,
      securityGroups: view.securityGroups.length,
      nodes: view.nodes?.length,
      gaps: view.gaps,
    }).toEqual({
      account: '123456789012',
      region: 'us-west-1',
      roles: 3,
      managedPolicies: 4,
      instanceProfiles: 2,
      instances: 7,
      subnets: 2,
      routeTables: 2,
      securityGroups: 2,
      nodes: 2,
      gaps: [],
    });
  });

  it('leaves nodes undefined when there is no kubectl-get-nodes.json', async () => {
    const dir = await copyWith({ nodes: null });

    const view = await readSnapshot(dir);

    expect(view.nodes).toBeUndefined();
    expect('nodes' in view).toBe(false);
  });

  it('takes account and region from meta.json when present', async () => {
    const dir = await copyWith({ meta: { account: '123456789012', region: 'us-west-1', capturedBy: 'kube-aws-audit' } });

    const view = await readSnapshot(dir);

    expect([view.account, view.region]).toEqual(['123456789012', 'us-west-1']);
  });

  it('adds the gaps meta.json records to the view, and loadSnapshot returns its notes and clusters', async () => {
    const gap = { kind: 'securityGroups', source: 'ec2:DescribeSecurityGroups', reason: 'AccessDenied' };
    const dir = await copyWith({ meta: { account: '123456789012', region: 'us-west-1', clusters: ['prod-east'], gaps: [gap], notes: ['partial capture'] } });

    const loaded = await loadSnapshot(dir);

    expect(loaded.view.gaps).toEqual([gap]);
    expect(loaded.notes).toEqual(['partial capture']);
    expect(loaded.capturedClusters).toEqual(['prod-east']);
  });

  it('derives nothing it cannot agree on: no roles and no EC2 data leave account and region unset', async () => {
    const dir = await copyWith({
      authorizationDetails: { RoleDetailList: [], Policies: [] },
      instances: { Reservations: [] },
      subnets: { Subnets: [] },
    });

    const view = await readSnapshot(dir);

    expect(view.account).toBeUndefined();
    expect(view.region).toBeUndefined();
    expect(view.roles).toEqual([]);
  });

  it('reads URL-encoded policy documents like the CLI-decoded ones', async () => {
    const details = fixtureJson<{ RoleDetailList: { AssumeRolePolicyDocument: unknown }[] }>(SNAPSHOT_FILES.authorizationDetails);
    for (const role of details.RoleDetailList) role.AssumeRolePolicyDocument = encodeURIComponent(JSON.stringify(role.AssumeRolePolicyDocument));
    const dir = await copyWith({ authorizationDetails: details });

    const view = await readSnapshot(dir);

    expect(view.roles.map((role) => role.trustPolicy)).toEqual((await readSnapshot(BASIC_SNAPSHOT)).roles.map((role) => role.trustPolicy));
  });

  it('names every missing required file and the command that writes it', async () => {
    const dir = await copyWith({ subnets: null, routeTables: null });

    const error = await snapshotRejectionOf(readSnapshot(dir));

    expect(error.message).toBe(
      `snapshot directory ${dir}: missing required files ec2-describe-subnets.json (write it with \`aws ec2 describe-subnets --output json > ec2-describe-subnets.json\`), ` +
        'ec2-describe-route-tables.json (write it with `aws ec2 describe-route-tables --output json > ec2-describe-route-tables.json`)',
    );
    expect(error.file).toBe(join(dir, 'ec2-describe-subnets.json'));
  });

  it('rejects a directory that does not exist', async () => {
    const dir = join(BASIC_SNAPSHOT, 'no-such-dir');

    const error = await snapshotRejectionOf(readSnapshot(dir));

    expect(error.message).toBe(`snapshot directory ${dir} does not exist`);
  });

  it('rejects a file given instead of a directory', async () => {
    const file = join(BASIC_SNAPSHOT, SNAPSHOT_FILES.subnets.name);

    expect((await snapshotRejectionOf(readSnapshot(file))).message).toBe(`snapshot directory ${file}: not a directory`);
  });

  it('rejects truncated JSON with the file name and position', async () => {
    const dir = await copyWith({ securityGroups: '{\n  "SecurityGroups": [\n    {\n      "GroupId": "sg-1",\n' });

    const error = await snapshotRejectionOf(readSnapshot(dir));

    expect(error.message).toMatch(new RegExp(`^${escape(join(dir, 'ec2-describe-security-groups.json'))}: line 4, column \\d+: .*is the file truncated\\?`));
  });

  it('rejects an empty file', async () => {
    const dir = await copyWith({ routeTables: '' });

    expect((await snapshotRejectionOf(readSnapshot(dir))).message).toBe(`${join(dir, 'ec2-describe-route-tables.json')}: the file is empty`);
  });

  it('rejects a wrong top-level shape by naming the expected command', async () => {
    const dir = await copyWith({ subnets: fixtureJson(SNAPSHOT_FILES.securityGroups) });

    const error = await snapshotRejectionOf(readSnapshot(dir));

    expect(error.message).toBe(
      `${join(dir, 'ec2-describe-subnets.json')}: expected the output of \`aws ec2 describe-subnets --output json\` (an object with Subnets), got an object with SecurityGroups`,
    );
  });

  it('rejects a broken optional file too', async () => {
    const dir = await copyWith({ nodes: '{"items": [' });

    expect((await snapshotRejectionOf(readSnapshot(dir))).message).toContain(`${join(dir, 'kubectl-get-nodes.json')}: line 1`);
  });

  it('reads a UTF-16 file with a byte order mark', async () => {
    const dir = await copyWith({});
    const text = JSON.stringify(fixtureJson(SNAPSHOT_FILES.subnets));
    await writeFile(join(dir, SNAPSHOT_FILES.subnets.name), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));

    expect((await readSnapshot(dir)).subnets).toHaveLength(2);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
