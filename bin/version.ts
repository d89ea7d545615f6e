import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version of this package, read from the nearest package.json named `kube-aws-audit` above this module
 * (works from bin/ under tsx and jest, and from dist/bin/ after `npm run build`).
 */
export function toolVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'kube-aws-audit' && typeof pkg.version === 'string') return pkg.version;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json of kube-aws-audit not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}
