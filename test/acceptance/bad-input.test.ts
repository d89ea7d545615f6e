/**
 * Acceptance: bad input never crashes. The built CLI runs on mutated copies of fixtures/demo (the table in
 * support/bad-input-cases.ts): an input error exits 2 with exactly one stderr line naming the file (or flag) and the
 * field or JSON path, nothing on stdout and no stack trace; a policy statement the evaluator cannot use makes that
 * role's checks `status: error` (exit 3) and keeps every other finding; harmless damage (a byte order mark) changes
 * nothing. The on-demand Lambda handler answers bad events with a structured InvalidEvent error naming the key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOnDemandAuditHandler } from '../../handlers/on-demand-audit.js';
import type { Report } from '../../lib/domain/report/report.js';
import { aLambdaContext, aRuntime } from '../handlers/support/handler-runtime.js';
import { BAD_INPUT_CASES, defaultArgs, type BadInputCase, type CaseDir } from './support/bad-input-cases.js';
import { buildCli, cliNeedsBuild, runCli, type CliResult } from './support/built-cli.js';
import { FIXTURES_DIR } from './support/scenarios.js';

const DEMO = join(FIXTURES_DIR, 'demo');
const STACK_FRAME = /^ {4}at /m;

let scratch: string;
let caseNumber = 0;
let baseline: { code: number | null; report: Report };

async function demoCopy(): Promise<CaseDir> {
  caseNumber += 1;
  const root = join(scratch, `case-${caseNumber}`);
  await cp(DEMO, root, { recursive: true });
  return { root, config: join(root, 'config.yaml'), snapshot: join(root, 'snapshot') };
}

async function runCase(testCase: BadInputCase): Promise<CliResult> {
  const dir = await demoCopy();
  await testCase.arrange?.(dir);
  return runCli(testCase.args?.(dir) ?? defaultArgs(dir));
}

function parseReport(result: CliResult): Report {
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stdout).not.toBe('');
  return JSON.parse(result.stdout) as Report;
}

beforeAll(async () => {
  if (cliNeedsBuild()) await buildCli();
  scratch = await mkdtemp(join(tmpdir(), 'kube-aws-audit-bad-input-'));
  const result = await runCli(defaultArgs(await demoCopy()));
  baseline = { code: result.code, report: parseReport(result) };
}, 300_000);

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('the undamaged demo copy (baseline of the table)', () => {
  it('audits both clusters with findings and exits 1', () => {
    expect(baseline.code).toBe(1);
    expect(baseline.report.clusters.map((c) => c.name)).toEqual(['prod-east', 'staging']);
    expect(baseline.report.findings.length).toBeGreaterThan(20);
  });
});

describe('kube-aws-audit audit on damaged input', () => {
  it('covers at least 40 mutations', () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUT_CASES.map((c) => c.name)).size).toBe(BAD_INPUT_CASES.length);
  });

  it.each(BAD_INPUT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const result = await runCase(testCase);
    const expectation = testCase.expect;

    expect(result.stderr).not.toMatch(STACK_FRAME);
    switch (expectation.kind) {
      case 'input-error': {
        const lines = result.stderr.split('\n').filter((line) => line !== '');
        expect({ code: result.code, stdout: result.stdout, lines: lines.length }).toEqual({ code: 2, stdout: '', lines: 1 });
        expect(lines[0]).toMatch(/^kube-aws-audit: /);
        for (const mention of expectation.mentions) expect(lines[0]).toContain(mention);
        break;
      }
      case 'tolerated': {
        const report = parseReport(result);
        expect(result.code).toBe(baseline.code);
        expect(report.findings.map((f) => f.id).sort()).toEqual(baseline.report.findings.map((f) => f.id).sort());
        break;
      }
      case 'incomplete': {
        const report = parseReport(result);
        expect(result.code).toBe(3);
        const errors = report.findings.filter((f) => f.status === 'error' && f.resource.id === expectation.resource);
        expect(errors.length).toBeGreaterThan(0);
        for (const mention of expectation.mentions) expect(errors[0]?.detail).toContain(mention);
        const kept = new Set(report.findings.map((f) => f.id));
        const lost = baseline.report.findings.filter((f) => f.resource.id !== expectation.resource && !kept.has(f.id)).map((f) => `${f.check} ${f.resource.id}`);
        expect(lost).toEqual([]);
        break;
      }
    }
  }, 60_000);
});

describe('on-demand audit handler on bad events', () => {
  const invoke = (event: unknown) => createOnDemandAuditHandler(aRuntime().runtime)(event, aLambdaContext());

  it.each([
    ['clusters is a string', { clusters: 'prod-east' }, 'event.clusters: expected a list of cluster names'],
    ['clusters holds a number', { clusters: ['prod-east', 7] }, 'event.clusters[1]: expected a cluster name'],
    ['checks is a string', { checks: 'iam' }, 'event.checks: expected a list of check families (iam, tags, nodes)'],
    ['checks names an unknown family', { checks: ['iam', 'network'] }, 'event.checks[1]: expected one of iam, tags, nodes'],
    ['checks is empty', { checks: [] }, 'event.checks: expected at least one of iam, tags, nodes'],
    ['publish is a string', { publish: 'yes' }, 'event.publish: expected true or false'],
    ['failOn in upper case', { failOn: 'HIGH' }, 'event.failOn: expected one of critical, high, medium, low, info, none'],
    ['unknown key close to clusters', { cluster: ['prod-east'] }, 'event.cluster: unknown key (did you mean clusters?); allowed: clusters, checks, publish, failOn'],
    ['unknown key close to failOn', { fail_on: 'high' }, 'event.fail_on: unknown key (did you mean failOn?); allowed: clusters, checks, publish, failOn'],
    [
      'unknown cluster name',
      { clusters: ['prod-eats'] },
      'event.clusters[0]: no configured cluster is named "prod-eats" (did you mean prod-east?); configured: prod-east, staging',
    ],
    ['an array instead of an object', ['prod-east'], 'event: expected an object like {"clusters": ["prod-east"], "checks": ["iam"]}'],
    ['a string instead of an object', 'prod-east', 'event: expected an object like {"clusters": ["prod-east"], "checks": ["iam"]}'],
  ])('%s', async (_name, event, message) => {
    const response = await invoke(event);

    expect(response).toEqual({ error: { code: 'InvalidEvent', message } });
  });

  it('lists every bad key of one event, each by its path', async () => {
    const response = (await invoke({ clusters: 'prod-east', checks: ['iam', 'net'], publish: 1 })) as { error: { code: string; message: string } };

    expect(response.error.code).toBe('InvalidEvent');
    expect(response.error.message.split('; ').map((part) => part.split(':')[0])).toEqual(['event.clusters', 'event.checks[1]', 'event.publish']);
  });
});
