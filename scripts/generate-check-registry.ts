/**
 * `npm run docs` (first step): writes lib/domain/checks/registry.ts from the check modules (scripts/check-registry.ts).
 * With `--check`, only exits 1 when it is stale. Runs before generate-docs.ts, which imports the registry.
 */
import { writeFileSync } from 'node:fs';
import { discoverCheckModules, REGISTRY_FILE, registryIsCurrent, renderRegistry } from './check-registry.js';

if (registryIsCurrent()) {
  process.stderr.write('generate-check-registry: lib/domain/checks/registry.ts is up to date\n');
} else if (process.argv.includes('--check')) {
  process.stderr.write('generate-check-registry: lib/domain/checks/registry.ts is stale; run `npm run docs`\n');
  process.exitCode = 1;
} else {
  const modules = discoverCheckModules();
  writeFileSync(REGISTRY_FILE, renderRegistry(modules));
  process.stderr.write(`generate-check-registry: wrote ${modules.length} check modules to lib/domain/checks/registry.ts\n`);
}
