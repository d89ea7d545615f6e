/** Discovery of the acceptance fixtures: fixtures/demo and every directory under fixtures/scenarios. */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES_DIR = join(REPO_ROOT, 'fixtures');

/** The files a snapshot directory must hold (docs/contracts.md "Snapshot directory"). */
export const REQUIRED_SNAPSHOT_FILES = [
  'iam-get-account-authorization-details.json',
  'ec2-describe-instances.json',
  'ec2-describe-subnets.json',
  'ec2-describe-route-tables.json',
  'ec2-describe-security-groups.json',
] as const;

export interface Scenario {
  /** `demo` or `scenarios/<name>`. */
  name: string;
  dir: string;
  configFile: string;
  snapshotDir: string;
  expectedFile: string;
}

const CONFIG_NAMES = ['config.yaml', 'config.yml', 'config.json'];

/** Every acceptance fixture, demo first. Throws when a fixture directory lacks its config. */
export function discoverScenarios(): Scenario[] {
  const scenariosDir = join(FIXTURES_DIR, 'scenarios');
  const dirs = [
    join(FIXTURES_DIR, 'demo'),
    ...readdirSync(scenariosDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(scenariosDir, entry.name))
      .sort(),
  ];
  return dirs.map((dir) => {
    const configFile = CONFIG_NAMES.map((name) => join(dir, name)).find((file) => existsSync(file));
    if (configFile === undefined) throw new Error(`${dir}: no ${CONFIG_NAMES.join(' / ')}`);
    return { name: relative(FIXTURES_DIR, dir), dir, configFile, snapshotDir: join(dir, 'snapshot'), expectedFile: join(dir, 'expected.json') };
  });
}
