/**
 * Writes the CLI-shaped snapshot files of fixtures/demo and fixtures/scenarios/* (deterministic: ids come from
 * hashes of names, so a rerun changes nothing). The config.yaml, expected.json and DRIFT.md next to each snapshot are
 * written by hand; `--ids` prints the resource ids they refer to.
 *
 *   npx tsx scripts/make-fixtures.ts          # (re)write every snapshot file
 *   npx tsx scripts/make-fixtures.ts --check  # exit 1 when a committed file differs from the generator output
 *   npx tsx scripts/make-fixtures.ts --ids    # print the named ids of every fixture
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoFixture } from './fixtures/demo.js';
import type { GeneratedFixture } from './fixtures/fixture.js';
import { compliantFixture } from './fixtures/scenarios/compliant.js';
import { configRoleTypoFixture } from './fixtures/scenarios/config-role-typo.js';
import { edgeShapesFixture } from './fixtures/scenarios/edge-shapes.js';
import { incompleteSubnetFixture } from './fixtures/scenarios/incomplete-subnet.js';
import { kopsLegacyFixture } from './fixtures/scenarios/kops-legacy.js';
import { sharedVpcFixture } from './fixtures/scenarios/shared-vpc.js';

/** The fixtures/ directory of the repository. */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Every generated fixture. */
export function generateFixtures(): GeneratedFixture[] {
  return [
    demoFixture(),
    compliantFixture(),
    sharedVpcFixture(),
    kopsLegacyFixture(),
    edgeShapesFixture(),
    incompleteSubnetFixture(),
    configRoleTypoFixture(),
  ];
}

/** Files under fixtures/ whose committed text differs from the generator output (missing files included). */
export async function staleFixtureFiles(root = FIXTURES_DIR): Promise<string[]> {
  const stale: string[] = [];
  for (const fixture of generateFixtures()) {
    for (const [path, text] of Object.entries(fixture.files)) {
      const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
      if (current !== text) stale.push(path);
    }
  }
  return stale;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--ids')) {
    for (const fixture of generateFixtures()) {
      process.stdout.write(`${fixture.dir}\n`);
      for (const [name, id] of Object.entries(fixture.ids)) process.stdout.write(`  ${name.padEnd(48)} ${id}\n`);
    }
    return 0;
  }
  if (args.includes('--check')) {
    const stale = await staleFixtureFiles();
    for (const path of stale) process.stderr.write(`fixtures/${path} differs from scripts/make-fixtures.ts output\n`);
    return stale.length === 0 ? 0 : 1;
  }
  let count = 0;
  for (const fixture of generateFixtures()) {
    for (const [path, text] of Object.entries(fixture.files)) {
      const file = join(FIXTURES_DIR, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text, 'utf8');
      count += 1;
    }
  }
  process.stdout.write(`wrote ${count} files under fixtures/\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
