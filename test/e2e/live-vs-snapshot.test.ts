/**
 * The live engine end to end: real SDK clients (serialisation, pagination, error parsing) against the loopback fake
 * of the IAM, STS and EC2 query APIs serving a fixture snapshot, compared with the offline audit of the same snapshot.
 * The fake either simulates (SimulatePrincipalPolicy backed by our evaluator, answered in the SDK's shapes with
 * statement positions) or, like many AWS-compatible endpoints, implements no simulation API (501).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cli.js';
import type { Report } from '../../lib/domain/report/report.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import {
  auditLive,
  auditSnapshot,
  awsOnlyCopy,
  captureIo,
  DEMO,
  findingKeys,
  loadFixtureConfig,
  removeDir,
  scenario,
  withEndpoint,
  type Fixture,
} from './support/live-audit.js';
import type { AuditConfig } from '../../lib/domain/config/schema.js';

const FIXTURES: Fixture[] = [
  DEMO,
  scenario('compliant-cloud-provider-aws'),
  scenario('shared-vpc-multi-cluster'),
  scenario('kops-legacy-tags'),
  scenario('edge-shapes', 'config.json'),
  scenario('incomplete-missing-subnet'),
  scenario('config-role-typo'),
];

/** Checks that need `kubectl get nodes` data, which the live engine (AWS APIs only) does not read. */
const NODE_DATA_CHECKS = ['node.provider-id.missing', 'node.provider-id.mismatch', 'node.name.mismatch'];

const FALLBACK_NOTE = /^IAM simulation unavailable for arn:aws:iam::\d{12}:role\/\S+: NotImplemented: SimulatePrincipalPolicy is not implemented by this endpoint; used the local evaluator$/;

describe.each(FIXTURES)('live audit of $name through the SDK against the loopback fake', (fixture) => {
  let config: AuditConfig;
  let awsOnlyDir: string;
  let snapshot: Report;

  beforeAll(async () => {
    config = await loadFixtureConfig(fixture);
    awsOnlyDir = await awsOnlyCopy(fixture.snapshotDir);
    snapshot = await auditSnapshot(config, awsOnlyDir);
  });

  afterAll(async () => {
    await removeDir(awsOnlyDir);
  });

  it('with the simulation API: decides by AWS simulation and reports exactly the snapshot audit\'s findings', async () => {
    // Arrange
    const fake = await FakeAws.start({ snapshotDir: fixture.snapshotDir, simulate: simulateWithEvaluator() });
    try {
      // Act
      const live = await auditLive(config, fake);

      // Assert
      expect(live.mode).toBe('live');
      expect(live.iamEngine).toBe('aws-simulation');
      expect(findingKeys(live)).toEqual(findingKeys(snapshot));
      // Whole findings too: titles, details, evidence (granting statements located from the simulator's positions).
      expect(live.findings).toEqual(snapshot.findings);
      expect(live.clusters.map((c) => c.coverage)).toEqual(snapshot.clusters.map((c) => c.coverage));
      expect(fake.count('SimulatePrincipalPolicy', { ok: true })).toBeGreaterThan(0);
    } finally {
      await fake.stop();
    }
  });

  it('against an endpoint with no simulation API: falls back to the local evaluator, says why, same findings', async () => {
    // Arrange
    const fake = await FakeAws.start({ snapshotDir: fixture.snapshotDir });
    try {
      // Act
      const live = await auditLive(config, fake);

      // Assert
      expect(live.iamEngine).toBe('local');
      expect(findingKeys(live)).toEqual(findingKeys(snapshot));
      expect(live.findings).toEqual(snapshot.findings);
      const fallbackNotes = live.clusters.flatMap((c) => (c.notes ?? []).filter((n) => n.startsWith('IAM simulation unavailable')));
      expect(fallbackNotes).toHaveLength(live.clusters.reduce((sum, c) => sum + c.coverage.roles, 0));
      for (const note of fallbackNotes) expect(note).toMatch(FALLBACK_NOTE);
      expect(fake.count('SimulatePrincipalPolicy')).toBeGreaterThan(0);
      expect(fake.count('SimulatePrincipalPolicy', { ok: true })).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});

describe('live audit of the demo account: no false alarms from what is not the clusters\'', () => {
  const dir = DEMO.snapshotDir;
  const subnets = (JSON.parse(readFileSync(join(dir, 'ec2-describe-subnets.json'), 'utf8')) as { Subnets: { SubnetId: string; VpcId: string; DefaultForAz?: boolean }[] }).Subnets;
  const reservations = (JSON.parse(readFileSync(join(dir, 'ec2-describe-instances.json'), 'utf8')) as {
    Reservations: { Instances: { InstanceId: string; VpcId?: string; Tags?: { Key: string; Value: string }[] }[] }[];
  }).Reservations;
  const defaultVpcs = [...new Set(subnets.filter((s) => s.DefaultForAz === true).map((s) => s.VpcId))];
  const instances = reservations.flatMap((r) => r.Instances);
  const otherClusterInstances = instances.filter((i) => (i.Tags ?? []).some((t) => t.Key === 'kubernetes.io/cluster/data-platform'));
  const outside = new Set([
    ...defaultVpcs,
    ...subnets.filter((s) => defaultVpcs.includes(s.VpcId)).map((s) => s.SubnetId),
    ...instances.filter((i) => i.VpcId !== undefined && defaultVpcs.includes(i.VpcId)).map((i) => i.InstanceId),
    ...otherClusterInstances.map((i) => i.InstanceId),
  ]);
  let fake: FakeAws;
  let live: Report;
  let config: AuditConfig;

  beforeAll(async () => {
    config = await loadFixtureConfig(DEMO);
    fake = await FakeAws.start({ snapshotDir: dir, simulate: simulateWithEvaluator() });
    live = await auditLive(config, fake);
  });

  afterAll(async () => {
    await fake.stop();
  });

  it('has a default VPC with instances and another cluster\'s instance in the account (so the test can fail)', () => {
    // Assert
    expect(defaultVpcs).toHaveLength(1);
    expect(instances.filter((i) => i.VpcId === defaultVpcs[0]).length).toBeGreaterThan(2);
    expect(otherClusterInstances).toHaveLength(1);
  });

  it('reports nothing about the default VPC or the unconfigured cluster', () => {
    // Assert
    expect(live.findings.filter((f) => outside.has(f.resource.id) || /data-platform/.test(f.detail))).toEqual([]);
  });

  it('reads the region\'s subnets and route tables in one pass each and keeps the default VPC\'s out of the audit (above)', () => {
    // Arrange: the default VPC's resources come back from the pass (so the test above can fail), and are selected out
    const listings = fake.calls.filter((c) => c.action === 'DescribeSubnets' || c.action === 'DescribeRouteTables');

    // Assert
    expect(listings.map((c) => `${c.action} ${JSON.stringify(c.params.Filter ?? null)}`).sort()).toEqual(['DescribeRouteTables null', 'DescribeSubnets null']);
  });

  it('with server-side filters chosen, never asks for the default VPC\'s subnets or route tables', async () => {
    // Arrange
    const filtered = await FakeAws.start({ snapshotDir: dir, simulate: simulateWithEvaluator() });
    try {
      const report = await auditLive(config, filtered, { ec2Query: 'filters' });
      const vpcFilterValues = filtered.calls
        .filter((c) => c.action === 'DescribeSubnets' || c.action === 'DescribeRouteTables')
        .flatMap((c) => ((c.params.Filter ?? []) as { Name: string; Value: string[] | string }[]).filter((f) => f.Name === 'vpc-id').flatMap((f) => f.Value));

      // Assert
      expect(vpcFilterValues.length).toBeGreaterThan(0);
      expect(vpcFilterValues.filter((v) => defaultVpcs.includes(v))).toEqual([]);
      expect(report.findings).toEqual(live.findings);
    } finally {
      await filtered.stop();
    }
  });

  it('differs from the full demo snapshot (with kubectl nodes) only by the checks that need node data', async () => {
    // Act
    const full = await auditSnapshot(config, DEMO.snapshotDir);

    // Assert
    const liveKeys = findingKeys(live);
    const fullKeys = findingKeys(full);
    expect(liveKeys.filter((k) => !fullKeys.includes(k))).toEqual([]);
    const onlyFull = full.findings.filter((f) => !liveKeys.includes(findingKeys([f])[0] ?? ''));
    expect(onlyFull.length).toBeGreaterThan(0);
    expect(onlyFull.filter((f) => !NODE_DATA_CHECKS.includes(f.check))).toEqual([]);
  });
});

describe('`kube-aws-audit audit --live` (main, AWS_ENDPOINT_URL pointing at the fake)', () => {
  let awsOnlyDir: string;

  beforeAll(async () => {
    awsOnlyDir = await awsOnlyCopy(DEMO.snapshotDir);
  });

  afterAll(async () => {
    await removeDir(awsOnlyDir);
  });

  it.each([
    ['with', true],
    ['without', false],
  ])('prints the same findings as `audit --snapshot` and exits the same, %s the simulation API', async (_label, simulate) => {
    // Arrange
    const fake = await FakeAws.start({ snapshotDir: DEMO.snapshotDir, ...(simulate ? { simulate: simulateWithEvaluator() } : {}) });
    const live = captureIo();
    const offline = captureIo();
    try {
      // Act
      const liveCode = await withEndpoint(fake.url, () => main(['audit', '--live', '--config', DEMO.configFile, '--format', 'json'], live.io));
      const offlineCode = await main(['audit', '--snapshot', awsOnlyDir, '--config', DEMO.configFile, '--format', 'json'], offline.io);

      // Assert
      const liveReport = JSON.parse(live.stdout()) as Report;
      const offlineReport = JSON.parse(offline.stdout()) as Report;
      expect(live.stderr()).toBe('');
      expect(liveCode).toBe(offlineCode);
      expect(liveCode).toBe(1);
      expect(liveReport.mode).toBe('live');
      expect(liveReport.iamEngine).toBe(simulate ? 'aws-simulation' : 'local');
      expect(findingKeys(liveReport)).toEqual(findingKeys(offlineReport));
      expect(fake.count('DescribeInstances', { ok: true })).toBeGreaterThan(0);
    } finally {
      await fake.stop();
    }
  });
});
