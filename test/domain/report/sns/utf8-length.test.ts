import { describe, expect, it } from '@jest/globals';
import { jsonStringBytes, utf8Length } from '../../../../lib/domain/report/sns/utf8-length.js';

describe('utf8Length', () => {
  it.each(['', 'abc', 'é', '€', 'インスタンス', '🚫 emoji 😀', 'mixed é € 🚫'])('matches Buffer.byteLength for %p', (text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });

  it('counts a lone surrogate as the 3 bytes of U+FFFD', () => {
    expect(utf8Length('a\ud800b')).toBe(5);
  });
});

describe('jsonStringBytes', () => {
  it('counts the escapes a JSON string adds', () => {
    expect(jsonStringBytes('a"b\n')).toBe(6);
    expect(jsonStringBytes('é')).toBe(2);
  });
});
