/**
 * The demo's JSON report, pinned: `kube-aws-audit audit --config fixtures/demo/config.yaml --snapshot
 * fixtures/demo/snapshot --format json` through the CLI's own code path (commander, config loader, snapshot
 * adapter, runAudit, JSON renderer), in-process so the clock and the run id can be fixed, must equal
 * test/acceptance/golden/demo-report.json byte for byte, apart from the run id, the times and the tool version.
 *
 * This is the "behaviour unchanged" check of refactorings (docs/architecture.md): a change that only moves code must
 * leave the golden file alone.
 *
 * A change that INTENDS to change the demo's findings (a new check, a corrected rule, a new field) regenerates the
 * golden file with
 *
 *     npm run golden
 *
 * (UPDATE_GOLDEN=1 for this test), then reviews `git diff test/acceptance/golden/` and commits it with the change,
 * saying in the commit message why the demo's report changed.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIo } from '../../bin/cli.js';
import { runAudit } from '../../lib/app/run-audit.js';
import { FIXTURES_DIR, REPO_ROOT } from './support/scenarios.js';

const GOLDEN = join(REPO_ROOT, 'test', 'acceptance', 'golden', 'demo-report.json');
const DEMO = join(FIXTURES_DIR, 'demo');
/** The audit date fixtures/demo/expected.json was derived for; fixed so suppression expiry cannot drift. */
const AUDIT_TIME = '2026-11-25T12:00:00.000Z';
const RUN_ID = '00000000-0000-4000-8000-000000000000';

/** Runs the CLI in-process with a fixed clock and run id; returns exit code, stdout and stderr. */
async function auditDemo(): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  };
  const code = await main(
    ['audit', '--config', join(DEMO, 'config.yaml'), '--snapshot', join(DEMO, 'snapshot'), '--format', 'json'],
    io,
    { runAudit: (opts) => runAudit({ ...opts, now: () => new Date(AUDIT_TIME), runId: RUN_ID }) },
  );
  return { code, stdout, stderr };
}

/** Replaces what legitimately differs between runs (run id, times, tool version) with fixed placeholders. */
function normaliseReport(json: string): string {
  const report = JSON.parse(json) as Record<string, unknown> & { findings: Array<Record<string, unknown>> };
  report.runId = '<run-id>';
  report.startedAt = '<time>';
  report.finishedAt = '<time>';
  report.tool = { ...(report.tool as object), version: '<version>' };
  for (const finding of report.findings) if (finding.firstSeen !== undefined) finding.firstSeen = '<time>';
  return `${JSON.stringify(report, null, 2)}\n`;
}

describe('the demo report (golden file)', () => {
  it('is unchanged: same findings, ids, severities, details, evidence, notes, coverage and summary; exit 1', async () => {
    const { code, stdout, stderr } = await auditDemo();
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const actual = normaliseReport(stdout);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, actual, 'utf8');
    const golden = readFileSync(GOLDEN, 'utf8');
    // On failure: if the change is intended, run `npm run golden` and commit test/acceptance/golden/demo-report.json.
    expect(actual).toBe(golden);
  }, 60_000);

  it('is deterministic: two runs give the same normalised report', async () => {
    const first = normaliseReport((await auditDemo()).stdout);
    const second = normaliseReport((await auditDemo()).stdout);
    expect(second).toBe(first);
  }, 60_000);
});
