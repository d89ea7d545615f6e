import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` so that no reader sees half a file and nothing planted in the directory is followed
 * (docs/reliability.md, "Safe file writes"):
 *
 * - the temporary file is created in the target's own directory (so the rename stays on one file system) under an
 *   unpredictable name (`.<name>.<24 hex>.tmp`), with `O_CREAT | O_EXCL | O_NOFOLLOW`: an existing file or symlink
 *   at that name makes the open fail instead of being written through;
 * - it is then renamed over `path`; `rename` replaces a symlink at `path` itself and never writes through it;
 * - on any failure the temporary file is removed.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
  const handle = await open(temporary, flags, 0o644);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
