/**
 * The acceptance fixtures themselves: committed snapshot files equal the generator output, every fixture has the
 * snapshot files of the contract, and every expected.json is well-formed, uses contract check ids and names
 * resources that exist in its snapshot or config (a typo in an id would otherwise make a test unpassable).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { staleFixtureFiles } from '../../scripts/make-fixtures.js';
import { isCheckId } from '../../lib/domain/checks/check-ids.js';
import { loadExpected } from './support/expected-findings.js';
import { discoverScenarios, FIXTURES_DIR, REQUIRED_SNAPSHOT_FILES } from './support/scenarios.js';

const scenarios = discoverScenarios();

describe('acceptance fixtures', () => {
  it('are exactly what scripts/make-fixtures.ts generates', async () => {
    expect(await staleFixtureFiles()).toEqual([]);
  }, 60_000);

  it('include the demo and at least five scenarios', () => {
    expect(scenarios.map((s) => s.name)).toContain('demo');
    expect(scenarios.filter((s) => s.name.startsWith('scenarios/')).length).toBeGreaterThanOrEqual(5);
  });

  describe.each(scenarios)('$name', (scenario) => {
    const snapshotText = readdirSync(scenario.snapshotDir)
      .map((file) => readFileSync(join(scenario.snapshotDir, file), 'utf8'))
      .join('\n');
    const configText = readFileSync(scenario.configFile, 'utf8');

    it('holds the required snapshot files, each valid JSON', () => {
      for (const file of REQUIRED_SNAPSHOT_FILES) {
        const path = join(scenario.snapshotDir, file);
        expect(existsSync(path)).toBe(true);
        expect(() => JSON.parse(readFileSync(path, 'utf8'))).not.toThrow();
      }
    });

    it('has an expected.json with contract check ids and resources that exist', () => {
      const expected = loadExpected(scenario.expectedFile);
      const entries = [...expected.findings, ...(expected.suppressed ?? [])];
      expect(entries.filter((e) => !isCheckId(e.check)).map((e) => e.check)).toEqual([]);
      // a VPC+AZ unit `vpc-.../us-west-1a` is two names; an ARN is one
      const names = entries.flatMap((e) => (e.resource.startsWith('arn:') ? [e.resource] : e.resource.split('/')));
      const unknown = names.filter((id) => !snapshotText.includes(id) && !configText.includes(id));
      expect(unknown).toEqual([]);
    });
  });

  it('lists every demo drift of expected.json in DRIFT.md', () => {
    const expected = loadExpected(join(FIXTURES_DIR, 'demo', 'expected.json'));
    const drift = readFileSync(join(FIXTURES_DIR, 'demo', 'DRIFT.md'), 'utf8');
    const ids = [...expected.findings, ...(expected.suppressed ?? [])].map((e) => /^D\d+/.exec(e.note ?? '')?.[0]);
    expect(ids.filter((id) => id === undefined)).toEqual([]);
    expect([...new Set(ids)].filter((id) => !drift.includes(`**${id}**`))).toEqual([]);
  });
});
