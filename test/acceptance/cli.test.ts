/**
 * Acceptance: the built CLI (`node dist/bin/kube-aws-audit.js`) as a child process, on the fixtures: exit codes,
 * a JSON report on stdout, and for bad input a one-line message on stderr naming the file or field, exit 2, no
 * stack trace and no report.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../lib/domain/report/report.js';
import { buildCli, cliNeedsBuild, runCli, type CliResult } from './support/built-cli.js';
import { diffFindings, formatDiff, loadExpected } from './support/expected-findings.js';
import { FIXTURES_DIR } from './support/scenarios.js';

const DEMO = join(FIXTURES_DIR, 'demo');
const COMPLIANT = join(FIXTURES_DIR, 'scenarios', 'compliant-cloud-provider-aws');
const KOPS = join(FIXTURES_DIR, 'scenarios', 'kops-legacy-tags');
const INCOMPLETE = join(FIXTURES_DIR, 'scenarios', 'incomplete-missing-subnet');

const audit = (dir: string, ...extra: string[]) =>
  runCli(['audit', '--config', join(dir, 'config.yaml'), '--snapshot', join(dir, 'snapshot'), ...extra]);

/** The contract for input errors: exit 2, nothing on stdout, exactly one stderr line, no stack frame. */
function expectInputError(result: CliResult, ...mentions: string[]): void {
  expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s{4}at /m);
  for (const m of mentions) expect(result.stderr).toContain(m);
}

let scratch: string;

beforeAll(async () => {
  if (cliNeedsBuild()) await buildCli();
  scratch = await mkdtemp(join(tmpdir(), 'kube-aws-audit-acceptance-'));
}, 300_000);

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('kube-aws-audit audit on the fixtures', () => {
  it('prints the compliant scenario as a JSON report and exits 0', async () => {
    const result = await audit(COMPLIANT, '--format', 'json');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report).toMatchObject({ schemaVersion: 1, mode: 'snapshot', findings: [] });
    expect(report.clusters.map((c) => c.name)).toEqual(['alpha']);
  });

  it('reports the kops scenario findings and exits 1', async () => {
    const expected = loadExpected(join(KOPS, 'expected.json'));

    const result = await audit(KOPS, '--format', 'json');

    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(formatDiff('cli kops', diffFindings(expected.findings, report.findings))).toBe('');
  });

  it('exits 1 on the demo with the default --fail-on and 0 with --fail-on none', async () => {
    const failing = await audit(DEMO, '--format', 'json');
    const lenient = await audit(DEMO, '--format', 'json', '--fail-on', 'none');

    expect(failing.code).toBe(1);
    expect(lenient.code).toBe(0);
    const report = JSON.parse(lenient.stdout) as Report;
    expect(report.clusters.map((c) => c.name).sort()).toEqual(['prod-east', 'staging']);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('prints the demo as a table (npm start) without failing', async () => {
    const result = await audit(DEMO, '--format', 'table', '--fail-on', 'none');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('prod-east');
    expect(result.stdout).not.toMatch(/^\s{4}at /m);
  });

  it('exits 3 when a subnet of the cluster is missing from the snapshot, and the report says which', async () => {
    const result = await audit(INCOMPLETE, '--format', 'json');

    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(report.findings.filter((f) => f.status === 'error').map((f) => f.resource.id)).toContain('subnet-08da3bede1df43744');
  });
});

describe('kube-aws-audit audit on bad input', () => {
  it('rejects an unknown config key, naming the file and the key', async () => {
    const config = join(scratch, 'bad-key.yaml');
    const text = (await readFile(join(COMPLIANT, 'config.yaml'), 'utf8')).replace('cloudRoutes: true', 'cloudRoute: true');
    await writeFile(config, text);

    const result = await runCli(['audit', '--config', config, '--snapshot', join(COMPLIANT, 'snapshot'), '--format', 'json']);

    expectInputError(result, config, 'cloudRoute');
  });

  it('rejects a role ARN that is not an ARN, naming the file and the field', async () => {
    const config = join(scratch, 'bad-arn.yaml');
    const text = (await readFile(join(COMPLIANT, 'config.yaml'), 'utf8')).replace('worker: arn:aws:iam::123456789012:role/alpha-worker', 'worker: alpha-worker');
    await writeFile(config, text);

    const result = await runCli(['audit', '--config', config, '--snapshot', join(COMPLIANT, 'snapshot'), '--format', 'json']);

    expectInputError(result, config, 'worker');
  });

  it('rejects a truncated snapshot file, naming it', async () => {
    const snapshot = join(scratch, 'truncated-snapshot');
    await cp(join(COMPLIANT, 'snapshot'), snapshot, { recursive: true });
    const subnets = join(snapshot, 'ec2-describe-subnets.json');
    const text = await readFile(subnets, 'utf8');
    await writeFile(subnets, text.slice(0, Math.floor(text.length / 2)));

    const result = await runCli(['audit', '--config', join(COMPLIANT, 'config.yaml'), '--snapshot', snapshot, '--format', 'json']);

    expectInputError(result, 'ec2-describe-subnets.json');
  });

  it('rejects an unknown --format, naming the option', async () => {
    const result = await audit(COMPLIANT, '--format', 'xml');

    expectInputError(result, '--format', 'xml');
  });
});
