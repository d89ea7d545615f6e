import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstances } from '../../../lib/adapters/snapshot/parse-instances.js';
import { SNAPSHOT_FILES } from '../../../lib/adapters/snapshot/snapshot-files.js';
import { streamInstances } from '../../../lib/adapters/snapshot/stream-instances.js';
import { parseJsonText } from '../../../lib/adapters/input-files/parse-json-text.js';
import { decodeText } from '../../../lib/adapters/input-files/decode-text.js';

// Issue 12 (memory): the instances file is streamed reservation by reservation; the result must equal parseInstances
// of the whole file, and anything but the plain AWS CLI form must be left to the whole-file reader (undefined).
const DEMO = 'fixtures/demo/snapshot/ec2-describe-instances.json';

let dir: string;
const write = async (name: string, text: string | Buffer): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};
const whole = async (path: string) => parseInstances({ spec: SNAPSHOT_FILES.instances, path, json: parseJsonText(decodeText(await readFile(path))) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stream-instances-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('streamInstances', () => {
  it.each([7, 4096, 1 << 20])('gives exactly what parseInstances gives for the demo file, read %i bytes at a time', async (chunkBytes) => {
    expect(await streamInstances(DEMO, { chunkBytes })).toEqual(await whole(DEMO));
  }, 60_000);

  // One byte at a time splits every token; on the whole 165 KB demo file that is 165,000 reads and took over 20 s on a
  // loaded 2-core machine, so it runs on the demo's first two reservations.
  it('gives exactly what parseInstances gives for two demo reservations, read 1 byte at a time', async () => {
    const demo = JSON.parse(await readFile(DEMO, 'utf8')) as { Reservations: unknown[] };
    const small = await write('two-reservations.json', JSON.stringify({ Reservations: demo.Reservations.slice(0, 2) }, null, 2));
    const expected = await whole(small);
    expect(expected.length).toBeGreaterThan(0);
    expect(await streamInstances(small, { chunkBytes: 1 })).toEqual(expected);
  }, 60_000);

  it('keeps the first of an instance listed twice, as parseInstances does; an empty Reservations is no instance', async () => {
    const demo = JSON.parse(await readFile(DEMO, 'utf8')) as { Reservations: unknown[] };
    const twice = await write('twice.json', JSON.stringify({ Reservations: [...demo.Reservations, demo.Reservations[0]] }));
    expect(await streamInstances(twice, { chunkBytes: 13 })).toEqual(await whole(twice));
    expect(await streamInstances(await write('empty.json', '{"Reservations": []}'))).toEqual([]);
  });

  it('drops a UTF-8 byte order mark and handles multi-byte characters across chunk boundaries', async () => {
    const text = JSON.stringify({ Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'nœud-été-🚀' }] }] }] });
    const path = await write('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    for (const chunkBytes of [1, 2, 3, 5]) expect(await streamInstances(path, { chunkBytes })).toEqual(await whole(path));
  });

  it.each([
    ['pages saved as an array', '[{"Reservations": []}]'],
    ['another top-level key (a page marker)', '{"Reservations": [], "NextToken": "abc"}'],
    ['a key before Reservations', '{"NextToken": "abc", "Reservations": []}'],
    ['no Reservations', '{"Subnets": []}'],
    ['Reservations twice', '{"Reservations": [], "Reservations": []}'],
    ['a reservation that is not an object', '{"Reservations": [1]}'],
    ['Reservations not an array', '{"Reservations": {}}'],
    ['invalid JSON inside a reservation', '{"Reservations": [{"Instances": [}]}'],
    ['a truncated file', '{"Reservations": [{"Instances": []}'],
    ['a wrong shape', '{"Reservations": [{"Instances": [{"InstanceId": 5}]}]}'],
    ['an empty file', ''],
    ['text after the object', '{"Reservations": []} x'],
  ])('leaves %s to the whole-file reader', async (_what, text) => {
    expect(await streamInstances(await write('odd.json', text), { chunkBytes: 4 })).toBeUndefined();
  });

  it('leaves UTF-16, a missing file and a directory to the whole-file reader', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"Reservations": []}', 'utf16le')]);
    expect(await streamInstances(await write('utf16.json', utf16))).toBeUndefined();
    expect(await streamInstances(join(dir, 'nope.json'))).toBeUndefined();
    expect(await streamInstances(dir)).toBeUndefined();
  });
});
