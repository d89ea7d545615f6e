import { describe, expect, it } from '@jest/globals';
import { decodeText } from '../../../lib/adapters/input-files/decode-text.js';

describe('decodeText', () => {
  it('reads UTF-8 without a byte order mark', () => {
    expect(decodeText(Buffer.from('{"a":"é"}', 'utf8'))).toBe('{"a":"é"}');
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}', 'utf8')]))).toBe('{}');
  });

  it('reads UTF-16 LE with a byte order mark (Windows PowerShell redirect)', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]))).toBe('{"a":1}');
  });

  it('reads UTF-16 BE with a byte order mark', () => {
    const little = Buffer.from('{}', 'utf16le');
    const big = Buffer.from(little).swap16();

    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), big]))).toBe('{}');
  });

  // Issue 9: UTF-16 without a BOM gave a JSON error with no hint of the encoding, UTF-32 printed NUL bytes.
  // The first four octets of a JSON or YAML text are ASCII, so their NUL pattern names the encoding (RFC 4627 section 3).
  const TEXT = '{"clusters": ["é"]}';
  const utf32 = (text: string, littleEndian: boolean): Buffer => {
    const out = Buffer.alloc([...text].length * 4);
    [...text].forEach((ch, i) => (littleEndian ? out.writeUInt32LE(ch.codePointAt(0) ?? 0, i * 4) : out.writeUInt32BE(ch.codePointAt(0) ?? 0, i * 4)));
    return out;
  };
  it.each([
    ['UTF-16 LE without a BOM', Buffer.from(TEXT, 'utf16le')],
    ['UTF-16 BE without a BOM', Buffer.from(TEXT, 'utf16le').swap16()],
    ['UTF-32 LE without a BOM', utf32(TEXT, true)],
    ['UTF-32 BE without a BOM', utf32(TEXT, false)],
    ['UTF-32 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(TEXT, true)])],
    ['UTF-32 BE with a BOM', Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), utf32(TEXT, false)])],
  ])('detects %s', (_name, bytes) => {
    expect(decodeText(bytes)).toBe(TEXT);
  });

  it('names the problem when NUL bytes remain (binary or an undetectable encoding)', () => {
    expect(() => decodeText(Buffer.from('{"a":\u0000 1}', 'utf8'))).toThrow('the file holds NUL bytes: it is not UTF-8, UTF-16 or UTF-32 text (save it as UTF-8)');
  });
});
