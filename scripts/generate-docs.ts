/**
 * `npm run docs`: regenerates the check table in README.md from CHECKS (STYLE.md 12: generated tables come from
 * the code). `npm run docs -- --check` only verifies that README.md is current and exits 1 when it is stale.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECKS } from '../lib/domain/checks/check-ids.js';
import { MissingMarkersError, renderCheckTable, replaceCheckTable, skeletonReadme } from './check-table.js';

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const checkOnly = process.argv.includes('--check');
const table = renderCheckTable(CHECKS);

try {
  const current = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined;
  const next = current === undefined ? skeletonReadme(table) : replaceCheckTable(current, table);
  if (checkOnly) {
    if (next !== current) {
      process.stderr.write('generate-docs: README.md check table is stale; run `npm run docs`\n');
      process.exitCode = 1;
    }
  } else if (next !== current) {
    writeFileSync(readmePath, next);
    process.stderr.write(`generate-docs: wrote ${CHECKS.length} checks to README.md\n`);
  } else {
    process.stderr.write('generate-docs: README.md is up to date\n');
  }
} catch (err) {
  if (!(err instanceof MissingMarkersError)) throw err;
  process.stderr.write(`generate-docs: ${err.message}\n`);
  process.exitCode = 1;
}
