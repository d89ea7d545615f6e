/**
 * Acceptance on "unseen" accounts: snapshots under test/fixtures/unseen/ were written by hand in the AWS CLI v2
 * `--output json` shape, and each expected.json was derived from docs/domain.md and docs/contracts.md without reading the
 * check implementations (see its description and the per-finding notes). They are audited exactly as the CLI and
 * scenarios.test.ts do it (config loader, snapshot source, runAudit, exit code), and the unsuppressed findings must
 * pair one to one with expected.json: no finding missing, none extra (no false alarms on compliant resources,
 * other clusters' resources or terminated instances).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createAccountSource } from '../../bin/commands/account-source.js';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { runAudit } from '../../lib/app/run-audit.js';
import { exitCodeFor } from '../../lib/domain/report/build-report.js';
import type { Report } from '../../lib/domain/report/report.js';
import { coverageDiff, diffFindings, formatDiff, loadExpected } from './support/expected-findings.js';
import { REPO_ROOT } from './support/scenarios.js';

const UNSEEN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'unseen');
const AUDIT_DATE = new Date('2026-11-25T00:00:00Z');

const scenarios = readdirSync(UNSEEN_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => {
    const dir = join(UNSEEN_DIR, name);
    return { name, configFile: join(dir, 'config.yaml'), snapshotDir: join(dir, 'snapshot'), expectedFile: join(dir, 'expected.json') };
  });

describe('unseen snapshots', () => {
  it('are the three hand-written accounts', () => {
    expect(scenarios.map((s) => s.name)).toEqual(['iam-heavy', 'profile-only-ccm', 'shared-vpc-three-clusters']);
  });
});

describe.each(scenarios)('unseen snapshot $name', (scenario) => {
  const expected = loadExpected(scenario.expectedFile);
  let report: Report;

  beforeAll(async () => {
    const config = await loadConfig(scenario.configFile);
    ({ report } = await runAudit({
      config,
      source: await createAccountSource({ kind: 'snapshot', dir: scenario.snapshotDir }, config),
      now: () => AUDIT_DATE,
      runId: `unseen-${scenario.name}`,
    }));
  }, 60_000);

  it('reports exactly the hand-derived findings', () => {
    const open = report.findings.filter((f) => f.suppressed === undefined);
    expect(formatDiff(scenario.name, diffFindings(expected.findings, open, expected.tolerate ?? []))).toBe('');
    expect(open).toHaveLength(expected.findings.length);
  });

  it('never reports "could not check" on a complete snapshot, and suppresses nothing', () => {
    expect(report.summary.errors).toBe(0);
    expect(report.summary.suppressed).toBe((expected.suppressed ?? []).length);
  });

  it(`exits with ${expected.exitCode} for --fail-on ${expected.failOn}`, () => {
    expect(exitCodeFor(report, expected.failOn)).toBe(expected.exitCode);
  });

  it('covers exactly the hand-counted members of each cluster', async () => {
    const config = await loadConfig(scenario.configFile);
    expect(report.clusters.map((c) => c.name).sort()).toEqual(config.clusters.map((c) => c.name).sort());
    expect(Object.keys(expected.coverage ?? {}).sort()).toEqual(config.clusters.map((c) => c.name).sort());
    expect(coverageDiff(expected.coverage, report)).toEqual([]);
  });
});

describe('unseen snapshot shared-vpc-three-clusters: node data of one cluster', () => {
  it('uses kubectl-get-nodes.json for beta only and says so for alpha', async () => {
    // Arrange
    const scenario = scenarios.find((s) => s.name === 'shared-vpc-three-clusters')!;
    const config = await loadConfig(scenario.configFile);

    // Act
    const { report } = await runAudit({
      config,
      source: await createAccountSource({ kind: 'snapshot', dir: scenario.snapshotDir }, config),
      now: () => AUDIT_DATE,
      runId: 'unseen-nodes-owner',
    });

    // Assert
    const notes = (name: string) => report.clusters.find((c) => c.name === name)?.notes ?? [];
    expect(notes('alpha')).toEqual([expect.stringContaining('kubectl-get-nodes.json was not used for cluster alpha')]);
    expect(notes('beta')).toEqual([]);
    expect(report.findings.filter((f) => f.check.startsWith('node.name') || f.check.startsWith('node.provider-id')).every((f) => f.cluster === 'beta')).toBe(true);
  }, 60_000);
});
