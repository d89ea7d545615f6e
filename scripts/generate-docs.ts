/**
 * `npm run docs`: regenerates what is generated from the code (docs/architecture.md "Generated documentation"):
 * lib/domain/checks/registry.ts from the check modules (scripts/check-registry.ts, run first as its own step, see
 * package.json), and the blocks of README.md: the check table from the registry, and "Permissions the auditor
 * needs" from PERMISSION_MANIFEST.
 * `npm run docs -- --check` only verifies that README.md is current and exits 1 when it is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditorPolicy, PERMISSION_MANIFEST } from '../lib/adapters/permissions.js';
import { CHECKS } from '../lib/domain/checks/check-ids.js';
import { MissingMarkersError, renderCheckTable, replaceBlock, replaceCheckTable, skeletonReadme } from './check-table.js';
import { PERMISSIONS_MARKERS, renderPermissionsBlock } from './permissions-table.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const checkOnly = process.argv.includes('--check');
const table = renderCheckTable(CHECKS);
const permissions = renderPermissionsBlock(PERMISSION_MANIFEST, auditorPolicy());

/** README.md with both generated blocks current; a new README gets the skeleton plus the permissions section. */
function regenerate(current: string | undefined): string {
  const withChecks = current === undefined ? skeletonReadme(table) : replaceCheckTable(current, table);
  const base =
    current === undefined
      ? `${withChecks}\n## Permissions the auditor needs\n\n${PERMISSIONS_MARKERS.start}\n${PERMISSIONS_MARKERS.end}\n`
      : withChecks;
  return replaceBlock(base, PERMISSIONS_MARKERS, permissions);
}

try {
  const current = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
  const next = regenerate(current);
  if (checkOnly) {
    if (next !== current) {
      process.stderr.write('generate-docs: README.md generated blocks (checks, permissions) are stale; run `npm run docs`\n');
      process.exitCode = 1;
    }
  } else if (next !== current) {
    writeFileSync(readmePath, next);
    process.stderr.write(`generate-docs: wrote ${CHECKS.length} checks and ${PERMISSION_MANIFEST.length} permission entries to README.md\n`);
  } else {
    process.stderr.write('generate-docs: README.md is up to date\n');
  }
} catch (err) {
  if (!(err instanceof MissingMarkersError)) throw err;
  process.stderr.write(`generate-docs: ${err.message}\n`);
  process.exitCode = 1;
}
