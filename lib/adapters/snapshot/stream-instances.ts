import { open, type FileHandle } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { Instance } from '../../domain/model/account-view.js';
import { reservationSchema, toInstance } from './parse-instances.js';

/** Bytes read from disk at a time. */
const CHUNK_BYTES = 1 << 20;

/** The file is not in the one form streamed: read it whole instead (which also gives the precise error, if any). */
class NotStreamable extends Error {}

/**
 * Reads `aws ec2 describe-instances` output without holding the whole file or its whole parse tree: the file is
 * read 1 MB at a time, each element of `Reservations` is cut out of the text, `JSON.parse`d, validated and turned
 * into view instances, and only those are kept (BENCHMARKS.md "Memory": ~8 KB of JSON per instance become a few
 * hundred bytes). The result equals `parseInstances` of the whole file.
 *
 * Only the plain form is streamed: one UTF-8 object whose only key is `Reservations`, an array of objects that all
 * validate. Anything else (pages saved as an array, other keys such as a page marker, UTF-16, invalid JSON or a wrong
 * shape) returns `undefined`, and the caller reads the file whole, which reports any problem with its line, column or
 * JSON path exactly as before.
 *
 * @returns the instances, or undefined when the file must be read whole (including when it does not exist)
 */
export async function streamInstances(path: string, options: { chunkBytes?: number } = {}): Promise<Instance[] | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    return await scan(handle, options.chunkBytes ?? CHUNK_BYTES);
  } catch (error) {
    // Not streamable, not JSON, or not readable (e.g. a directory: EISDIR): the whole-file reader says what is wrong.
    if (error instanceof NotStreamable || error instanceof SyntaxError || typeof (error as NodeJS.ErrnoException).code === 'string') return undefined;
    throw error;
  } finally {
    await handle.close();
  }
}

async function scan(handle: FileHandle, chunkBytes: number): Promise<Instance[]> {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  // As decodeText: invalid bytes become U+FFFD, a UTF-8 byte order mark is dropped.
  const decoder = new TextDecoder('utf-8');
  const instances: Instance[] = [];
  const seen = new Set<string>();
  let depth = 0;
  let inString = false;
  let escaped = false;
  let first = true;
  /** At depth 1: the key being read (its text), whether a key or a value is expected. */
  let key: string[] | undefined;
  let sawReservations = false;
  /** The pieces of the reservation being cut out (depth >= 3). */
  let element: string[] | undefined;
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
    position += bytesRead;
    if (first && bytesRead >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) throw new NotStreamable();
    const text = bytesRead === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
    let start = element === undefined ? -1 : 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c /* \ */) {
          if (key !== undefined) throw new NotStreamable();
          escaped = true;
        } else if (c === 0x22 /* " */) {
          inString = false;
          if (key !== undefined) {
            if (key.join('') !== 'Reservations' || sawReservations) throw new NotStreamable();
            sawReservations = true;
            key = undefined;
          }
        } else if (key !== undefined) key.push(text[i]!);
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (first) {
        if (c !== 0x7b /* { */) throw new NotStreamable();
        first = false;
        depth = 1;
        continue;
      }
      if (c === 0x22) {
        inString = true;
        // A key of the top-level object.
        if (depth === 1) key = [];
        else if (depth === 2) throw new NotStreamable();
        continue;
      }
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        depth += 1;
        if (depth === 2 && (c !== 0x5b || !sawReservations)) throw new NotStreamable();
        if (depth === 3) {
          if (c !== 0x7b) throw new NotStreamable();
          element = [];
          start = i;
        }
        continue;
      }
      if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
        depth -= 1;
        if (depth === 2 && element !== undefined) {
          element.push(text.slice(start, i + 1));
          take(JSON.parse(element.join('')) as unknown, instances, seen);
          element = undefined;
          start = -1;
        }
        if (depth < 0) throw new NotStreamable();
        continue;
      }
      if (depth <= 2 && c !== 0x2c /* , */ && c !== 0x3a /* : */) throw new NotStreamable();
    }
    if (element !== undefined && start >= 0) element.push(text.slice(start));
    if (bytesRead === 0) break;
  }
  if (depth !== 0 || first || !sawReservations || inString) throw new NotStreamable();
  return instances;
}

function take(json: unknown, instances: Instance[], seen: Set<string>): void {
  const result = reservationSchema.safeParse(json);
  if (!result.success) throw new NotStreamable();
  for (const raw of result.data.Instances) {
    if (seen.has(raw.InstanceId)) continue;
    seen.add(raw.InstanceId);
    instances.push(toInstance(raw));
  }
}
