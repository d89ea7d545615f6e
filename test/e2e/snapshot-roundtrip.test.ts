/**
 * `kube-aws-audit snapshot` against the loopback fake (main(), AWS_ENDPOINT_URL), then `audit --snapshot` of what it
 * wrote, offline: the same findings as `audit --live` of the same account. Also when the capture had gaps: they are
 * written to meta.json and come back as the same errors.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cli.js';
import type { Finding } from '../../lib/domain/findings/finding.js';
import type { Report } from '../../lib/domain/report/report.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import { captureIo, DEMO, findingKeys, removeDir, tempDir, withEndpoint } from './support/live-audit.js';

const SNAPSHOT_FILES = [
  'iam-get-account-authorization-details.json',
  'ec2-describe-instances.json',
  'ec2-describe-subnets.json',
  'ec2-describe-route-tables.json',
  'ec2-describe-security-groups.json',
  'meta.json',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], endpoint?: string): Promise<Run> {
  const h = captureIo();
  const code = endpoint === undefined ? await main(argv, h.io) : await withEndpoint(endpoint, () => main(argv, h.io));
  return { code, stdout: h.stdout(), stderr: h.stderr() };
}

const json = (dir: string, file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));

const withoutFirstSeen = ({ firstSeen: _firstSeen, ...rest }: Finding): Omit<Finding, 'firstSeen'> => rest;

describe('snapshot round trip (demo account)', () => {
  let fake: FakeAws;
  const dirs: string[] = [];

  beforeAll(async () => {
    fake = await FakeAws.start({ snapshotDir: DEMO.snapshotDir, simulate: simulateWithEvaluator() });
  });

  afterEach(() => fake.setFaults({}));

  afterAll(async () => {
    await fake.stop();
    for (const dir of dirs) await removeDir(dir);
  });

  it('writes the snapshot directory contract, and its offline audit finds exactly what the live audit finds', async () => {
    // Arrange
    const dir = await tempDir('roundtrip');
    dirs.push(dir);

    // Act
    const capture = await cli(['snapshot', '--config', DEMO.configFile, '--out', dir], fake.url);
    const live = await cli(['audit', '--live', '--config', DEMO.configFile, '--format', 'json'], fake.url);
    const offline = await cli(['audit', '--snapshot', dir, '--config', DEMO.configFile, '--format', 'json']);

    // Assert
    expect(capture).toEqual({ code: 0, stdout: '', stderr: `kube-aws-audit: wrote ${dir} (7 files): prod-east, staging in account 123456789012 us-west-1\n` });
    for (const file of SNAPSHOT_FILES) expect(existsSync(join(dir, file))).toBe(true);
    expect(json(dir, 'meta.json')).toMatchObject({ account: '123456789012', region: 'us-west-1', clusters: ['prod-east', 'staging'] });
    const liveReport = JSON.parse(live.stdout) as Report;
    const offlineReport = JSON.parse(offline.stdout) as Report;
    expect(offlineReport.mode).toBe('snapshot');
    expect(liveReport.mode).toBe('live');
    expect(findingKeys(offlineReport)).toEqual(findingKeys(liveReport));
    // Whole findings, apart from firstSeen (the time of each run).
    expect(offlineReport.findings.map(withoutFirstSeen)).toEqual(liveReport.findings.map(withoutFirstSeen));
    expect(offlineReport.clusters.map((c) => c.coverage)).toEqual(liveReport.clusters.map((c) => c.coverage));
    expect(offline.code).toBe(live.code);
  });

  it('captures what the clusters use, not the whole account: no default-VPC instance is written', async () => {
    // Arrange
    const dir = await tempDir('scope');
    dirs.push(dir);

    // Act
    const capture = await cli(['snapshot', '--config', DEMO.configFile, '--out', dir, '--cluster', 'staging'], fake.url);

    // Assert
    expect(capture.code).toBe(0);
    const names = (json(dir, 'ec2-describe-instances.json') as { Reservations: { Instances: { Tags?: { Key: string; Value: string }[] }[] }[] }).Reservations
      .flatMap((r) => r.Instances)
      .map((i) => i.Tags?.find((t) => t.Key === 'Name')?.Value);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n === undefined || /jenkins|legacy-db|wiki|data-platform/.test(n))).toEqual([]);
    expect(json(dir, 'meta.json')).toMatchObject({ clusters: ['staging'] });
  });

  it('exits 3 when the capture had gaps, still writes the files, records the gaps, and they audit as the same errors', async () => {
    // Arrange
    const dir = await tempDir('gaps');
    dirs.push(dir);
    fake.setFaults({ denied: ['DescribeSubnets'] });

    // Act
    const capture = await cli(['snapshot', '--config', DEMO.configFile, '--out', dir], fake.url);
    const live = await cli(['audit', '--live', '--config', DEMO.configFile, '--format', 'json'], fake.url);
    const offline = await cli(['audit', '--snapshot', dir, '--config', DEMO.configFile, '--format', 'json']);

    // Assert
    expect(capture.code).toBe(3);
    expect(capture.stdout).toBe('');
    const lines = capture.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/; INCOMPLETE: 2 part\(s\) could not be read \(listed below and in meta.json "gaps"\)$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^kube-aws-audit: {3}not captured: subnets \(ec2:DescribeSubnets\): UnauthorizedOperation: /),
      expect.stringMatching(/^kube-aws-audit: {3}not captured: subnets \(ec2:DescribeSubnets\): UnauthorizedOperation: /),
    ]);
    for (const file of SNAPSHOT_FILES) expect(existsSync(join(dir, file))).toBe(true);
    const meta = json(dir, 'meta.json') as { gaps?: { kind: string; source: string }[] };
    expect(meta.gaps?.map((g) => [g.kind, g.source])).toEqual([
      ['subnets', 'ec2:DescribeSubnets'],
      ['subnets', 'ec2:DescribeSubnets'],
    ]);
    const liveReport = JSON.parse(live.stdout) as Report;
    const offlineReport = JSON.parse(offline.stdout) as Report;
    expect(liveReport.summary.errors).toBeGreaterThan(0);
    expect(findingKeys(offlineReport)).toEqual(findingKeys(liveReport));
    expect([live.code, offline.code]).toEqual([3, 3]);
  });

  it('exits 3 and writes nothing when a cluster cannot be read at all (GetCallerIdentity denied)', async () => {
    // Arrange
    const dir = join(await tempDir('denied'), 'out');
    dirs.push(dir);
    fake.setFaults({ denied: ['GetCallerIdentity'] });

    // Act
    const capture = await cli(['snapshot', '--config', DEMO.configFile, '--out', dir], fake.url);

    // Assert
    expect(capture.code).toBe(3);
    expect(capture.stderr).toMatch(/^kube-aws-audit: snapshot not written: sts:GetCallerIdentity failed in us-west-1: AccessDenied: .*\n$/);
    expect(existsSync(dir)).toBe(false);
  });
});
