/**
 * Acceptance (issue 9): a snapshot file that still carries a page marker is incomplete, never "the whole account".
 * The built CLI audits copies of fixtures/demo whose files were saved as a user would with `--max-items` or
 * `--no-paginate`: `NextToken` (EC2, AWS CLI v2 pagination), `IsTruncated`/`Marker` (IAM, the API's own fields),
 * or a JSON array of pages whose last page still points further. Each must give `status: error` findings naming
 * the file and the marker, and exit 3; a configured role that is not in an incomplete IAM file is an error, not a
 * "does not exist" fail.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../lib/domain/report/report.js';
import { buildCli, cliNeedsBuild, runCli } from './support/built-cli.js';
import { FIXTURES_DIR } from './support/scenarios.js';

const DEMO = join(FIXTURES_DIR, 'demo');
const INSTANCES = 'ec2-describe-instances.json';
const IAM = 'iam-get-account-authorization-details.json';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let scratch: string;
let n = 0;

async function audit(edit: (snapshot: string) => Promise<void>): Promise<{ code: number | null; report: Report }> {
  n += 1;
  const root = join(scratch, `case-${n}`);
  await cp(DEMO, root, { recursive: true });
  await edit(join(root, 'snapshot'));
  const result = await runCli(['audit', '--config', join(root, 'config.yaml'), '--snapshot', join(root, 'snapshot'), '--format', 'json']);
  expect(result.stderr).not.toMatch(/^ {4}at /m);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

async function editJson(file: string, edit: (json: Json) => unknown): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8')) as Json;
  await writeFile(file, JSON.stringify(edit(json), null, 4));
}

const errorsOf = (report: Report, cluster: string) => report.findings.filter((f) => f.status === 'error' && f.cluster === cluster);

beforeAll(async () => {
  if (cliNeedsBuild()) await buildCli();
  scratch = await mkdtemp(join(tmpdir(), 'kube-aws-audit-page-markers-'));
}, 300_000);

afterAll(async () => {
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe('page markers make a snapshot file incomplete', () => {
  it('the undamaged demo has no error finding (baseline)', async () => {
    const { report } = await audit(async () => undefined);
    expect(report.summary.errors).toBe(0);
  }, 60_000);

  it('describe-instances cut by --max-items (NextToken): staging is not audited clean, exit 3', async () => {
    const { code, report } = await audit((dir) =>
      editJson(join(dir, INSTANCES), (json) => ({ Reservations: json.Reservations.slice(0, 6), NextToken: 'eyJOZXh0VG9rZW4iOiAiYWJjIn0=' })),
    );

    expect(code).toBe(3);
    for (const cluster of ['prod-east', 'staging']) {
      const errors = errorsOf(report, cluster);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.detail).toContain(INSTANCES);
      expect(errors[0]?.detail).toContain('NextToken');
    }
  }, 60_000);

  it('get-account-authorization-details saved with --no-paginate (IsTruncated, Marker): a role on the next page is an error, not "missing"', async () => {
    const { code, report } = await audit((dir) =>
      editJson(join(dir, IAM), (json) => ({
        ...json,
        RoleDetailList: json.RoleDetailList.filter((r: Json) => !String(r.RoleName).startsWith('staging-')),
        IsTruncated: true,
        Marker: 'AAE3MjE4NTYwNzYwMjYwMjk=',
      })),
    );

    expect(code).toBe(3);
    const missingFails = report.findings.filter((f) => f.check === 'iam.role.missing' && f.status === 'fail' && f.cluster === 'staging');
    expect(missingFails).toEqual([]);
    const staging = errorsOf(report, 'staging');
    expect(staging.length).toBeGreaterThan(0);
    expect(staging.some((f) => f.detail.includes(IAM) && f.detail.includes('Marker'))).toBe(true);
    // The staging instances belong to the cluster through their tags, so they are still checked.
    expect(report.findings.some((f) => f.cluster === 'staging' && f.check.startsWith('tags.') && f.status === 'fail')).toBe(true);
  }, 60_000);

  it('an array of pages whose last page still carries NextToken is incomplete', async () => {
    const { code, report } = await audit((dir) =>
      editJson(join(dir, INSTANCES), (json) => [
        { Reservations: json.Reservations.slice(0, 4), NextToken: 'page-2' },
        { Reservations: json.Reservations.slice(4, 8), NextToken: 'page-3' },
      ]),
    );

    expect(code).toBe(3);
    const errors = errorsOf(report, 'staging');
    expect(errors.some((f) => f.detail.includes(INSTANCES) && f.detail.includes('NextToken') && f.detail.includes('page-3'))).toBe(true);
  }, 60_000);

  it('an array of pages that ends without a marker is complete', async () => {
    const { code, report } = await audit((dir) =>
      editJson(join(dir, INSTANCES), (json) => [
        { Reservations: json.Reservations.slice(0, 4), NextToken: 'page-2' },
        { Reservations: json.Reservations.slice(4) },
      ]),
    );

    expect(code).toBe(1);
    expect(report.summary.errors).toBe(0);
  }, 60_000);
});
