/**
 * The check registry is derived from the check modules, never written by hand (docs/architecture.md "A check is one
 * unit"; README "Adding a check"): every file under lib/domain/checks/ that exports CHECKS is imported by
 * lib/domain/checks/registry.ts, the committed registry is exactly what `npm run docs` generates, every check module
 * has its test beside it in the mirrored test tree, and a new module is picked up with nothing else changed.
 */
import { describe, expect, it } from '@jest/globals';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_MODULES } from '../../../lib/domain/checks/registry.js';
import { CHECKS } from '../../../lib/domain/checks/check-ids.js';
import { CHECKS_DIR, discoverCheckModules, REGISTRY_FILE, renderRegistry } from '../../../scripts/check-registry.js';

const TEST_CHECKS_DIR = fileURLToPath(new URL('./', import.meta.url));

describe('the check registry', () => {
  it('is exactly what `npm run docs` generates from the modules (run it after adding a check module)', () => {
    expect(readFileSync(REGISTRY_FILE, 'utf8')).toBe(renderRegistry(discoverCheckModules()));
  });

  it('holds every discovered module, and every module declares only ids of one family and its own', () => {
    const discovered = discoverCheckModules();
    expect(CHECK_MODULES).toHaveLength(discovered.length);
    for (const module of CHECK_MODULES.filter((m) => m.evaluate !== undefined)) {
      expect(new Set(module.CHECKS.map((c) => c.family)).size).toBe(1);
    }
    expect(CHECKS.map((c) => c.id)).toEqual(CHECK_MODULES.flatMap((m) => m.CHECKS.map((c) => c.id)));
  });

  it('gives every check module its test beside it in the mirrored test tree', () => {
    const missing = discoverCheckModules()
      .map((m) => m.path.replace(/\.ts$/, '.test.ts'))
      .filter((test) => !existsSync(join(TEST_CHECKS_DIR, test)));
    expect(missing).toEqual([]);
  });

  it('picks up a new check module with nothing else changed: its ids join CheckId and the registry', () => {
    // Arrange: a copy of lib/domain/checks with one new module, as a contributor would add it
    const dir = mkdtempSync(join(tmpdir(), 'kube-aws-audit-checks-'));
    try {
      cpSync(CHECKS_DIR, dir, { recursive: true });
      writeFileSync(
        join(dir, 'tags', 'subnet-no-public.ts'),
        [
          "import type { CheckEvaluator, CheckMeta } from '../check.js';",
          'export const CHECKS = [',
          "  { id: 'tags.subnet.no-public', family: 'tags', severity: 'medium', unit: 'vpc', title: 't', risk: 'r',",
          "    remediation: 'f', reads: ['subnets', 'routeTables'] },",
          '] as const satisfies readonly CheckMeta[];',
          'export const evaluate: CheckEvaluator = () => [];',
          '',
        ].join('\n'),
      );

      // Act
      const registry = renderRegistry(discoverCheckModules(dir));

      // Assert: imported, run with the tags family, and part of the CheckId union
      expect(registry).toContain("import * as tagsSubnetNoPublic from './tags/subnet-no-public.js';");
      expect(registry).toContain("  | (typeof tagsSubnetNoPublic.CHECKS)[number]['id']");
      const order = registry.split('\n').filter((l) => /^ {2}[a-zA-Z]+,$/.test(l)).map((l) => l.trim());
      expect(order.indexOf('tagsSubnetNoPublic,')).toBeGreaterThan(order.indexOf('tagsRouteTables,'));
      expect(order.indexOf('tagsSubnetNoPublic,')).toBeLessThan(order.indexOf('nodesPrivateDnsMissing,'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
