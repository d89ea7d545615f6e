import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A static import statement of a module: `import x from 'y'`, `import { a } from 'y'`, `export * from 'y'`, `import 'y'`. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

/**
 * The packages a TypeScript module loads when imported: follows its static, non-type-only imports through the
 * repository's own modules (`./x.js` -> `./x.ts`) and returns every bare specifier reached (e.g. `@aws-sdk/client-iam`),
 * each with one chain of modules that leads to it. Dynamic `import()` is not followed: that is how a command loads
 * what only it needs.
 */
export function staticPackageImports(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(STATIC_IMPORT)) {
      if (match[1] !== undefined) continue;
      const specifier = match[2]!;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), [...chain, file]);
      else if (!specifier.startsWith('node:') && !packages.has(specifier)) packages.set(specifier, [...chain, file]);
    }
  };
  visit(resolve(entry), []);
  return packages;
}
