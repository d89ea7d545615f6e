import { TextDecoder } from 'node:util';

/** The bytes are not text in an encoding this reader knows; `reason` says why, on one line. */
export class TextEncodingError extends Error {
  override readonly name = 'TextEncodingError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/**
 * The encoding and BOM length of a JSON or YAML file. A byte order mark decides (UTF-8, UTF-16 LE/BE as Windows
 * PowerShell 5 writes `aws ... > file.json`, UTF-32 LE/BE). Without one, the first characters of such a file are
 * ASCII, so the pattern of NUL bytes in the first four octets names the encoding (RFC 4627 section 3):
 * `00 00 00 xx` UTF-32BE, `00 xx 00 xx` UTF-16BE, `xx 00 00 00` UTF-32LE, `xx 00 xx 00` UTF-16LE, else UTF-8.
 */
function detect(b: Uint8Array): { encoding: Encoding; bom: number } {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', bom: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: 'utf-32le', bom: 4 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (b.length >= 4) {
    const zero = [b[0] === 0, b[1] === 0, b[2] === 0, b[3] === 0];
    if (zero[0] && zero[1] && zero[2] && !zero[3]) return { encoding: 'utf-32be', bom: 0 };
    if (!zero[0] && zero[1] && zero[2] && zero[3]) return { encoding: 'utf-32le', bom: 0 };
    if (zero[0] && !zero[1] && zero[2] && !zero[3]) return { encoding: 'utf-16be', bom: 0 };
    if (!zero[0] && zero[1] && !zero[2] && zero[3]) return { encoding: 'utf-16le', bom: 0 };
  } else if (b.length >= 2) {
    if (b[0] === 0 && b[1] !== 0) return { encoding: 'utf-16be', bom: 0 };
    if (b[0] !== 0 && b[1] === 0) return { encoding: 'utf-16le', bom: 0 };
  }
  return { encoding: 'utf-8', bom: 0 };
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 4 !== 0) throw new TextEncodingError(`the file looks like UTF-32 but its length (${bytes.length} bytes) is not a multiple of 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new TextEncodingError(`the file looks like UTF-32${littleEndian ? 'LE' : 'BE'} but holds an invalid code point at byte ${i}`);
    }
    parts.push(String.fromCodePoint(code));
  }
  return parts.join('');
}

/**
 * Decodes a file's bytes to text: UTF-8, UTF-16 or UTF-32, with or without a byte order mark (see `detect`); the
 * BOM is dropped. Text that still holds NUL characters after that is not text this tool can read.
 *
 * @throws TextEncodingError naming what is wrong with the encoding
 */
export function decodeText(bytes: Uint8Array): string {
  const { encoding, bom } = detect(bytes);
  const body = bytes.subarray(bom);
  const text =
    encoding === 'utf-32le' || encoding === 'utf-32be' ? decodeUtf32(body, encoding === 'utf-32le') : new TextDecoder(encoding).decode(body);
  if (text.includes('\u0000')) {
    throw new TextEncodingError('the file holds NUL bytes: it is not UTF-8, UTF-16 or UTF-32 text (save it as UTF-8)');
  }
  return text;
}
