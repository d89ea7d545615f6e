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
});
