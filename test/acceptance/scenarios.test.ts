/**
 * Acceptance: every fixture under fixtures/ (demo and scenarios/*) is audited end to end exactly as the CLI does it
 * (config loader, snapshot source, runAudit, exit code), and the result must equal the hand-derived expected.json:
 * the same unsuppressed findings (cluster, check, resource, action or service, status), no more, no fewer.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createAccountSource } from '../../bin/commands/account-source.js';
import { loadConfig } from '../../lib/adapters/config/index.js';
import { runAudit } from '../../lib/app/run-audit.js';
import { exitCodeFor } from '../../lib/domain/report/build-report.js';
import type { Report } from '../../lib/domain/report/report.js';
import { coverageDiff, diffFindings, formatDiff, loadExpected } from './support/expected-findings.js';
import { discoverScenarios } from './support/scenarios.js';

/** The audit date every expected.json is derived for (suppression expiry dates depend on it). */
const AUDIT_DATE = new Date('2026-11-25T00:00:00Z');

const scenarios = discoverScenarios();

describe.each(scenarios)('fixture $name', (scenario) => {
  const expected = loadExpected(scenario.expectedFile);
  let report: Report;

  beforeAll(async () => {
    const config = await loadConfig(scenario.configFile);
    ({ report } = await runAudit({
      config,
      source: await createAccountSource({ kind: 'snapshot', dir: scenario.snapshotDir }, config),
      now: () => AUDIT_DATE,
      runId: `acceptance-${scenario.name}`,
    }));
  }, 60_000);

  it('reports exactly the expected unsuppressed findings', () => {
    const open = report.findings.filter((f) => f.suppressed === undefined);
    const diff = diffFindings(expected.findings, open, expected.tolerate ?? []);
    expect(formatDiff(scenario.name, diff)).toBe('');
  });

  it('suppresses exactly the expected findings', () => {
    const hidden = report.findings.filter((f) => f.suppressed !== undefined);
    const wanted = expected.suppressed ?? [];
    expect(report.summary.suppressed).toBe(wanted.length);
    // Suppressed findings may be kept in the report (marked) or only counted; when kept they must be the right ones.
    if (hidden.length > 0) expect(formatDiff(`${scenario.name} (suppressed)`, diffFindings(wanted, hidden))).toBe('');
  });

  it(`exits with ${expected.exitCode} for --fail-on ${expected.failOn}`, () => {
    expect(exitCodeFor(report, expected.failOn)).toBe(expected.exitCode);
  });

  it('reports every configured cluster with the expected coverage', async () => {
    const config = await loadConfig(scenario.configFile);
    expect(report.clusters.map((c) => c.name).sort()).toEqual(config.clusters.map((c) => c.name).sort());
    expect(coverageDiff(expected.coverage, report)).toEqual([]);
  });
});
