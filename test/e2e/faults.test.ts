/**
 * Fault tests of the live engine through the real SDK stack (serialisation, retry strategy, error parsing) against
 * the loopback fake serving the demo account, which injects throttling, 5xx, slow answers, AccessDenied and
 * malformed bodies. The rule under test: whatever could not be checked is a `status: error` finding naming why
 * (exit 3), everything else is still checked and reported exactly as in the clean run, and nothing crashes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { main } from '../../bin/cli.js';
import { configSchema, type AuditConfig } from '../../lib/domain/config/schema.js';
import type { Finding } from '../../lib/domain/findings/finding.js';
import { RESOURCE_TYPES } from '../../lib/domain/findings/finding.js';
import { exitCodeFor } from '../../lib/domain/report/build-report.js';
import type { Report } from '../../lib/domain/report/report.js';
import { FakeAws } from '../support/fake-aws/fake-aws-server.js';
import { simulateWithEvaluator } from '../support/fake-aws/simulate-with-evaluator.js';
import { auditLive, captureIo, DEMO, findingKeys, loadFixtureConfig, withEndpoint } from './support/live-audit.js';

/**
 * Attempts per call under 30% throttling (or 20% 5xx): the chance that one call fails 10 times in a row is
 * 0.3^10 ≈ 6e-6, so over the ~110 calls of the demo audit (~150 with retries) a run fails with < 0.1% probability.
 * The production default of 6 would leave 0.3^6 ≈ 7e-4 per call, ~8% per run, at this (extreme) rate. The SDK's
 * retry quota (500 tokens per client; a throttling retry costs 5, a 5xx retry 14, refunded on success) is not
 * exhausted by the ~20 retries per client. The fault sequence is seeded; concurrent calls still draw in arrival order.
 */
const ATTEMPTS_UNDER_RANDOM_FAULTS = 10;

/** Checks that read subnets (per subnet, or per VPC + AZ). */
const SUBNET_CHECKS = ['tags.subnet.missing', 'tags.subnet.role-missing', 'tags.subnet.no-public', 'tags.value.invalid', 'tags.foreign-owned', 'tags.legacy-conflict'];
/** Checks that read route tables (per VPC). */
const ROUTE_TABLE_CHECKS = [
  'tags.route-table.missing',
  'tags.route-table.ambiguous',
  'tags.value.invalid',
  'tags.foreign-owned',
  'tags.legacy-conflict',
  // Public or private is read from the subnet's route table (docs/provider-rules.md "Load-balancer subnets").
  'tags.subnet.role-missing',
  'tags.subnet.no-public',
];
/** Checks that read security groups (per group, or per instance for the SG rules). */
const SECURITY_GROUP_CHECKS = ['tags.sg.multiple-tagged', 'tags.sg.none-tagged', 'tags.value.invalid', 'tags.foreign-owned', 'tags.legacy-conflict'];

const errors = (r: Report): Finding[] => r.findings.filter((f) => f.status === 'error');
const fails = (r: Report): Finding[] => r.findings.filter((f) => f.status === 'fail');

/**
 * Never a silent pass, never a false alarm: every finding of the clean run is reported again, as a `fail` with the
 * same id or as an error that covers it (same id; the same resource, e.g. one error for all excess checks of a role;
 * or the whole cluster for that check); and every `fail` is one the clean run had.
 */
function expectNoSilentPassNoFalseAlarm(clean: Report, faulty: Report): void {
  const errs = errors(faulty);
  const covered = (f: Finding): boolean =>
    faulty.findings.some((g) => g.id === f.id) ||
    errs.some((e) => e.cluster === f.cluster && e.resource.id === f.resource.id) ||
    // An error for a VPC and AZ covers that AZ's per-load-balancer-type findings (`<vpc>/<az>/<type>`).
    errs.some((e) => e.cluster === f.cluster && e.check === f.check && f.resource.id.startsWith(`${e.resource.id}/`)) ||
    errs.some((e) => e.cluster === f.cluster && e.check === f.check && e.resource.type === RESOURCE_TYPES.account);
  expect(clean.findings.filter((f) => !covered(f)).map((f) => `${f.check} ${f.resource.id} ${f.action ?? ''}`)).toEqual([]);
  const cleanIds = new Set(clean.findings.map((f) => f.id));
  expect(fails(faulty).filter((f) => !cleanIds.has(f.id)).map((f) => `${f.check} ${f.resource.id}`)).toEqual([]);
}

describe('live engine under injected faults (demo account, real SDK clients, loopback fake)', () => {
  let fake: FakeAws;
  let config: AuditConfig;
  let clean: Report;

  beforeAll(async () => {
    config = await loadFixtureConfig(DEMO);
    fake = await FakeAws.start({ snapshotDir: DEMO.snapshotDir, simulate: simulateWithEvaluator() });
    clean = await auditLive(config, fake);
  });

  afterEach(() => fake.setFaults({}));

  afterAll(async () => {
    await fake.stop();
  });

  it('the clean run is complete and has findings to lose (so the fault tests can fail)', () => {
    // Assert
    expect(errors(clean)).toEqual([]);
    expect(clean.iamEngine).toBe('aws-simulation');
    expect(exitCodeFor(clean, 'high')).toBe(1);
    for (const check of ['tags.subnet.missing', 'tags.route-table.ambiguous', 'tags.sg.none-tagged', 'iam.required.denied']) {
      expect(clean.findings.map((f) => f.check)).toContain(check);
    }
  });

  it(`30% throttling (seeded), ${ATTEMPTS_UNDER_RANDOM_FAULTS} attempts per call: exactly the clean run's findings`, async () => {
    // Arrange
    fake.setFaults({ throttleRate: 0.3, seed: 7 });
    const before = fake.calls.length;

    // Act
    const report = await auditLive(config, fake, { maxAttempts: ATTEMPTS_UNDER_RANDOM_FAULTS });

    // Assert
    const throttled = fake.calls.slice(before).filter((c) => c.status === 400 || c.status === 503).length;
    expect(throttled).toBeGreaterThan(10);
    expect(report.findings).toEqual(clean.findings);
    expect(report.iamEngine).toBe('aws-simulation');
    expect(exitCodeFor(report, 'high')).toBe(1);
  });

  it(`20% server errors (seeded), ${ATTEMPTS_UNDER_RANDOM_FAULTS} attempts per call: retried, exactly the clean run's findings`, async () => {
    // Arrange
    fake.setFaults({ serverErrorRate: 0.2, seed: 3 });
    const before = fake.calls.length;

    // Act
    const report = await auditLive(config, fake, { maxAttempts: ATTEMPTS_UNDER_RANDOM_FAULTS });

    // Assert
    expect(fake.calls.slice(before).filter((c) => c.status === 500).length).toBeGreaterThan(5);
    expect(report.findings).toEqual(clean.findings);
    expect(report.iamEngine).toBe('aws-simulation');
  });

  it('AccessDenied on DescribeSubnets: errors for exactly the subnet checks, everything else as in the clean run, exit 3', async () => {
    // Arrange
    fake.setFaults({ denied: ['DescribeSubnets'] });

    // Act
    const report = await auditLive(config, fake);

    // Assert
    const errs = errors(report);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.filter((f) => !SUBNET_CHECKS.includes(f.check))).toEqual([]);
    expect(errs.filter((f) => f.resource.type !== RESOURCE_TYPES.subnet && f.check !== 'tags.subnet.no-public' && !/^vpc-\w+\/[a-z]{2}-[a-z]+-\d[a-z]$/.test(f.resource.id))).toEqual([]);
    for (const f of errs) expect(f.detail).toMatch(/ec2:DescribeSubnets: UnauthorizedOperation: /);
    const subnetUnit = (f: Finding) => f.resource.type === RESOURCE_TYPES.subnet || f.check === 'tags.subnet.role-missing' || f.check === 'tags.subnet.no-public';
    // The subnet findings of the clean run come back as errors with the same ids (a role-missing error per VPC and AZ
    // covers the AZ's per-type findings); nothing else changed.
    const coveredBy = (f: Finding, e: Finding) => e.id === f.id || (e.check === f.check && f.resource.id.startsWith(`${e.resource.id}/`));
    expect(clean.findings.filter(subnetUnit).every((f) => errs.some((e) => coveredBy(f, e)))).toBe(true);
    expect(fails(report)).toEqual(clean.findings.filter((f) => !subnetUnit(f)));
    expect(exitCodeFor(report, 'high')).toBe(3);
  });

  it('AccessDenied on SimulatePrincipalPolicy: the local evaluator decides, a note per role says why, same findings', async () => {
    // Arrange
    fake.setFaults({ denied: ['SimulatePrincipalPolicy'] });

    // Act
    const report = await auditLive(config, fake);

    // Assert
    expect(report.iamEngine).toBe('local');
    expect(report.findings).toEqual(clean.findings);
    const notes = report.clusters.flatMap((c) => c.notes ?? []).filter((n) => n.startsWith('IAM simulation unavailable'));
    expect(notes).toHaveLength(4);
    for (const note of notes) expect(note).toMatch(/: AccessDenied: User: .* is not authorized to perform: iam:SimulatePrincipalPolicy; used the local evaluator$/);
  });

  it('throttling that outlives its retries (DescribeSecurityGroups): errors for the security-group checks, exit 3', async () => {
    // Arrange
    fake.setFaults({ throttled: ['DescribeSecurityGroups'] });

    // Act
    const report = await auditLive(config, fake, { maxAttempts: 3 });

    // Assert
    const errs = errors(report);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.filter((f) => !SECURITY_GROUP_CHECKS.includes(f.check))).toEqual([]);
    for (const f of errs) expect(f.detail).toMatch(/ec2:DescribeSecurityGroups: RequestLimitExceeded: .*\(after 3 attempts\)/);
    expect(fake.count('DescribeSecurityGroups')).toBeGreaterThanOrEqual(2 * 3);
    expectNoSilentPassNoFalseAlarm(clean, report);
    expect(exitCodeFor(report, 'high')).toBe(3);
  });

  it('a malformed DescribeRouteTables body: errors for the route-table checks, no crash, the rest as in the clean run', async () => {
    // Arrange
    fake.setFaults({ malformed: ['DescribeRouteTables'] });

    // Act
    const report = await auditLive(config, fake);

    // Assert
    const errs = errors(report);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs.filter((f) => !ROUTE_TABLE_CHECKS.includes(f.check))).toEqual([]);
    for (const f of errs) expect(f.detail).toMatch(/ec2:DescribeRouteTables: .*XML parse error/);
    // The same failures as the clean run except the route-table ones (a subnet's remediation is vaguer: whether it is
    // public depends on its route table).
    expect(findingKeys(fails(report))).toEqual(
      findingKeys(clean.findings.filter((f) => !f.check.startsWith('tags.route-table.') && f.check !== 'tags.subnet.role-missing' && f.check !== 'tags.subnet.no-public')),
    );
    expectNoSilentPassNoFalseAlarm(clean, report);
    expect(exitCodeFor(report, 'high')).toBe(3);
  });

  it('a malformed GetRolePolicy body: the roles and the membership through their profiles become errors, no crash', async () => {
    // Arrange
    fake.setFaults({ malformed: ['GetRolePolicy'] });

    // Act: the roles read one by one (GetRolePolicy), not by the account sweep the default strategy picks here
    const report = await auditLive(config, fake, { iamStrategy: 'role-scoped' });

    // Assert
    const errs = errors(report);
    expect(errs.filter((f) => f.check.startsWith('iam.')).length).toBeGreaterThan(0);
    for (const f of errs) expect(f.detail).toMatch(/iam:GetRolePolicy/);
    // prod-east-worker-manual is a member only through its instance profile: "could not check", never a pass.
    const untaggedMember = clean.findings.find((f) => f.check === 'tags.instance.missing');
    expect(untaggedMember?.resource.id).toBe('i-0813c0c26cd6bfd88');
    expect(errs.some((f) => f.check === 'tags.instance.missing' && f.cluster === 'prod-east' && /could not be looked up/.test(f.detail))).toBe(true);
    expectNoSilentPassNoFalseAlarm(clean, report);
    expect(exitCodeFor(report, 'high')).toBe(3);
  });

  it('GetAccountAuthorizationDetails denied: the roles are read one by one instead (a note says so), same findings, exit as clean', async () => {
    // Arrange
    fake.setFaults({ denied: ['GetAccountAuthorizationDetails'] });
    const before = fake.calls.length;

    // Act
    const report = await auditLive(config, fake);

    // Assert
    expect(report.findings).toEqual(clean.findings);
    expect(fake.calls.slice(before).filter((c) => c.action === 'GetRole').length).toBeGreaterThan(0);
    const notes = report.clusters.flatMap((c) => c.notes ?? []);
    expect(notes.some((n) => /^iam:GetAccountAuthorizationDetails failed \(AccessDenied: .*\); the configured roles were read one by one instead$/.test(n))).toBe(true);
  });

  it('an endpoint that rejects EC2 filters: with server-side filters chosen, one pass over the region instead (a note says so), same findings', async () => {
    // Arrange
    fake.setFaults({ rejectFilters: true });
    const before = fake.calls.length;

    // Act
    const report = await auditLive(config, fake, { ec2Query: 'filters' });

    // Assert
    expect(report.findings).toEqual(clean.findings);
    const calls = fake.calls.slice(before);
    expect(calls.filter((c) => c.action === 'DescribeInstances' && c.status === 400).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.action === 'DescribeInstances' && c.status === 200 && c.params.Filter === undefined).length).toBeGreaterThan(0);
    const notes = report.clusters.flatMap((c) => c.notes ?? []);
    for (const operation of ['DescribeInstances', 'DescribeSubnets', 'DescribeRouteTables', 'DescribeSecurityGroups']) {
      expect(notes.some((n) => n.startsWith(`ec2:${operation}: the endpoint rejected a server-side filter (`) && n.includes("InvalidParameterValue: The filter '"))).toBe(true);
    }
  });

  it('a configured role that does not exist: iam.role.missing (fail), the rest as in the clean run', async () => {
    // Arrange
    const typo = 'arn:aws:iam::123456789012:role/prod-east-wroker';
    const withTypo = configSchema.parse({
      ...config,
      clusters: config.clusters.map((c) => (c.name === 'prod-east' ? { ...c, roles: { ...c.roles, worker: typo } } : c)),
    });

    // Act
    const report = await auditLive(withTypo, fake);

    // Assert
    expect(errors(report)).toEqual([]);
    const missing = report.findings.filter((f) => f.check === 'iam.role.missing');
    expect(missing.map((f) => [f.status, f.resource.id])).toEqual([['fail', typo]]);
    const workerArn = 'arn:aws:iam::123456789012:role/prod-east-worker';
    const expectedOthers = clean.findings.filter((f) => f.resource.id !== workerArn && f.check.startsWith('iam.'));
    expect(report.findings.filter((f) => f.check.startsWith('iam.') && f.check !== 'iam.role.missing')).toEqual(expectedOthers);
  });
});

describe('a run deadline (`audit --live --deadline`, main, AWS_ENDPOINT_URL, SDK default retries)', () => {
  it('stops cleanly when the slow simulation outlasts the deadline: what is unfinished is an error saying so, exit 3', async () => {
    // Arrange: collection answers at once, the simulation takes 10 s a call.
    const fake = await FakeAws.start({ snapshotDir: DEMO.snapshotDir, simulate: simulateWithEvaluator() });
    const clean = await auditLive(await loadFixtureConfig(DEMO), fake);
    fake.setFaults({ slow: ['SimulatePrincipalPolicy'], slowMs: 10_000 });
    const callsBefore = fake.calls.length;
    const h = captureIo();
    const started = Date.now();
    try {
      // Act
      const code = await withEndpoint(fake.url, () => main(['audit', '--live', '--config', DEMO.configFile, '--deadline', '3s', '--format', 'json'], h.io));

      // Assert
      const elapsed = Date.now() - started;
      expect(code).toBe(3);
      expect(elapsed).toBeLessThan(3000 + 3000);
      expect(h.stderr()).toMatch(/^kube-aws-audit: the deadline \S+ was reached; \d+ check\(s\) could not complete \(status error in the report\)\n$/);
      const report = JSON.parse(h.stdout()) as Report;
      const errs = errors(report);
      for (const f of errs) expect(f.detail).toMatch(/deadline reached (before|during) /);
      // prod-east was collected before the deadline: its tag and node checks completed, as in the clean run.
      const prodEastResources = (r: Report) => r.findings.filter((f) => f.cluster === 'prod-east' && !f.check.startsWith('iam.'));
      expect(findingKeys(prodEastResources(report))).toEqual(findingKeys(prodEastResources(clean)));
      expect(errs.filter((f) => f.cluster === 'prod-east' && f.check.startsWith('iam.')).length).toBeGreaterThan(0);
      // staging was not started before the deadline: one error per check family, saying so.
      expect(report.findings.filter((f) => f.cluster === 'staging').map((f) => [f.status, f.detail.includes('deadline reached before sts:GetCallerIdentity')])).toEqual([
        ['error', true],
        ['error', true],
        ['error', true],
      ]);
      expect(fake.calls.slice(callsBefore).filter((c) => c.action === 'SimulatePrincipalPolicy' && c.status === 200)).toEqual([]);
    } finally {
      await fake.stop();
    }
  });
});
