import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotError } from '../../../lib/app/errors.js';
import { SNAPSHOT_FILES, type SnapshotFile, type SnapshotFileSpec } from '../../../lib/adapters/snapshot/snapshot-files.js';

/** The CLI-shaped snapshot every snapshot test starts from (account scrubbed to 123456789012). */
export const BASIC_SNAPSHOT = join(process.cwd(), 'test/fixtures/snapshot-reader/basic');

/** A fixture file of the basic snapshot, parsed. */
export function fixtureJson<T = Record<string, unknown>>(spec: SnapshotFileSpec): T {
  return JSON.parse(readFileSync(join(BASIC_SNAPSHOT, spec.name), 'utf8')) as T;
}

/** A SnapshotFile as the reader hands it to the parsers. */
export function snapshotFile(spec: SnapshotFileSpec, json: unknown): SnapshotFile {
  return { spec, path: `snap/${spec.name}`, json };
}

/** The basic fixture file of `spec`, ready for its parser. */
export function basicFile(spec: SnapshotFileSpec): SnapshotFile {
  return snapshotFile(spec, fixtureJson(spec));
}

/**
 * A temporary copy of the basic snapshot with some files replaced (string or JSON value) or removed (null).
 * Call `cleanup()` when done.
 */
export async function snapshotCopy(changes: Partial<Record<keyof typeof SNAPSHOT_FILES, unknown>> = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'snapshot-reader-'));
  await cp(BASIC_SNAPSHOT, dir, { recursive: true });
  for (const [key, content] of Object.entries(changes)) {
    const file = join(dir, SNAPSHOT_FILES[key as keyof typeof SNAPSHOT_FILES].name);
    if (content === null) await rm(file, { force: true });
    else await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The SnapshotError `run` throws; fails the test when it throws nothing or something else. */
export function snapshotErrorOf(run: () => unknown): SnapshotError {
  try {
    run();
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotError, nothing was thrown');
}

/** The SnapshotError `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function snapshotRejectionOf(promise: Promise<unknown>): Promise<SnapshotError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SnapshotError) return error;
    throw error;
  }
  throw new Error('expected a SnapshotError, the promise resolved');
}
