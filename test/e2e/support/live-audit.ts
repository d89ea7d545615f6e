/**
 * Shared steps of the end-to-end tests: the real CLI code and SDK clients against the loopback fake of AWS
 * (test/support/fake-aws), compared with the offline audit of the same snapshot.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountSource } from '../../../bin/commands/account-source.js';
import type { CliIo } from '../../../bin/cli.js';
import { loadConfig } from '../../../lib/adapters/config/index.js';
import { FEWEST_CALLS, LiveAccountSource, type LiveAccountSourceOptions } from '../../../lib/adapters/live/live-account-source.js';
import { runAudit } from '../../../lib/app/run-audit.js';
import type { AuditConfig } from '../../../lib/domain/config/schema.js';
import type { Finding } from '../../../lib/domain/findings/finding.js';
import type { Report } from '../../../lib/domain/report/report.js';
import { destroyClients, fakeAwsClientFactory, type FakeAwsClientOptions } from '../../support/fake-aws/fake-aws-clients.js';
import type { FakeAws } from '../../support/fake-aws/fake-aws-server.js';

/** The date the fixtures' expected results are derived for (suppression expiry depends on it). */
export const AUDIT_DATE = new Date('2026-11-25T00:00:00Z');

/** A fixture directory: config + snapshot. */
export interface Fixture {
  name: string;
  configFile: string;
  snapshotDir: string;
}

export const DEMO: Fixture = { name: 'demo', configFile: 'fixtures/demo/config.yaml', snapshotDir: 'fixtures/demo/snapshot' };

/** The scenario fixtures (fixtures/scenarios/<name>), with their config file. */
export function scenario(name: string, configFile = 'config.yaml'): Fixture {
  return { name: `scenarios/${name}`, configFile: `fixtures/scenarios/${name}/${configFile}`, snapshotDir: `fixtures/scenarios/${name}/snapshot` };
}

/** What identifies a finding for "the same findings": the contract's fingerprint and the fields a user filters on. */
export function findingKey(f: Finding): string {
  return [f.id, f.check, f.status, f.resource.id, f.action ?? '-', f.severity].join(' | ');
}

/** The findings of a report as sorted keys (see {@link findingKey}). */
export function findingKeys(report: Report | readonly Finding[]): string[] {
  const findings = Array.isArray(report) ? (report as readonly Finding[]) : (report as Report).findings;
  return findings.map(findingKey).sort();
}

/**
 * A copy of a snapshot directory without `kubectl-get-nodes.json`: the live engine reads AWS only, so the
 * snapshot "of the same account" it must agree with is the AWS part. Remove the copy with {@link removeDir}.
 */
export async function awsOnlyCopy(snapshotDir: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kaa-e2e-snapshot-'));
  await cp(snapshotDir, dir, { recursive: true });
  await rm(join(dir, 'kubectl-get-nodes.json'), { force: true });
  return dir;
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `kaa-e2e-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The offline audit of a snapshot directory, as the CLI wires it (snapshot source + local evaluator). */
export async function auditSnapshot(config: AuditConfig, snapshotDir: string): Promise<Report> {
  return (await runAudit({ config, source: await createAccountSource({ kind: 'snapshot', dir: snapshotDir }, config), now: () => AUDIT_DATE, runId: 'e2e-snapshot' })).report;
}

/**
 * The live audit through the real SDK clients against the fake (endpoint set on the clients, short retry backoff),
 * as the CLI and the service configure it (createLiveSource: FEWEST_CALLS and the config's clusters), with the
 * LiveAccountSource options given (maxAttempts, deadline, concurrency, iamStrategy ...).
 */
export async function auditLive(
  config: AuditConfig,
  fake: FakeAws,
  options: LiveAccountSourceOptions & { clients?: FakeAwsClientOptions } = {},
): Promise<Report> {
  const { clients, ...sourceOptions } = options;
  const clientFactory = fakeAwsClientFactory(fake.url, clients);
  try {
    return (await runAudit({ config, source: new LiveAccountSource({ ...FEWEST_CALLS, clusters: config.clusters, ...sourceOptions, clientFactory }), now: () => AUDIT_DATE, runId: 'e2e-live' })).report;
  } finally {
    destroyClients(clientFactory);
  }
}

export async function loadFixtureConfig(fixture: Fixture): Promise<AuditConfig> {
  return loadConfig(fixture.configFile);
}

/** Streams for an in-process `main()` run, capturing what it writes. */
export function captureIo(env: Record<string, string | undefined> = process.env): { io: CliIo; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t), isTTY: false }, stderr: { write: (t: string) => err.push(t), isTTY: false }, env },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/**
 * Runs `fn` with AWS_ENDPOINT_URL pointing at the fake (as a user points the tool at an AWS-compatible endpoint),
 * restoring the previous value afterwards.
 */
export async function withEndpoint<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = url;
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
    else process.env.AWS_ENDPOINT_URL = previous;
  }
}
