import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SnapshotError } from '../../app/errors.js';
import { decodeText, TextEncodingError } from '../input-files/decode-text.js';
import { JsonTextError, parseJsonText } from '../input-files/parse-json-text.js';
import type { SnapshotFile, SnapshotFileSpec } from './snapshot-files.js';

/**
 * Reads and JSON-parses one snapshot file.
 *
 * @returns the parsed file, or undefined when the file does not exist (the caller decides whether that is an error)
 * @throws SnapshotError when the file cannot be read or is not valid JSON (with line and column when known)
 */
export async function readSnapshotFile(dir: string, spec: SnapshotFileSpec): Promise<SnapshotFile | undefined> {
  const path = join(dir, spec.name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new SnapshotError(`${path}: cannot read the file (${code ?? (error as Error).message})`, path, undefined, { cause: error });
  }
  try {
    return { spec, path, json: parseJsonText(decodeText(bytes)) };
  } catch (error) {
    if (!(error instanceof JsonTextError) && !(error instanceof TextEncodingError)) throw error;
    throw new SnapshotError(`${path}: ${error.reason}`, path, undefined, { cause: error });
  }
}
