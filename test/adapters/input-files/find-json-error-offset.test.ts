import { describe, expect, it } from '@jest/globals';
import { findJsonErrorOffset } from '../../../lib/adapters/input-files/find-json-error-offset.js';

describe('findJsonErrorOffset', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e3, "x\\n\\u00e9", true, false, null, {"b": {}}]} ',
    '"just a string"',
    '0',
  ])('finds no error in valid JSON %s', (text) => {
    expect(findJsonErrorOffset(text)).toBeUndefined();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2,, 3]', 6],
    ["{'a': 1}", 1],
    ['{"a": tru}', 6],
    ['{"a": 01}', 7],
    ['{"a": "x\\q"}', 9],
    ['{"a": "\\u12G4"}', 8],
    ['{"a" 1}', 5],
    ['{"a": 1} x', 9],
    ['{"a": NaN}', 6],
    ['{"a": "line\nbreak"}', 11],
  ])('finds the error in %j at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(findJsonErrorOffset(text)).toBe(offset);
  });

  it('reports the end of the text for truncated input', () => {
    const text = '{"a": [1, 2';

    expect(findJsonErrorOffset(text)).toBe(text.length);
  });
});
