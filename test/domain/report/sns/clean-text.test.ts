import { describe, expect, it } from '@jest/globals';
import { cleanText, indentText } from '../../../../lib/domain/report/sns/clean-text.js';

describe('cleanText', () => {
  it('shows line breaks, tabs and other control characters as visible escapes (issue 9: values cannot start a line)', () => {
    expect(cleanText('a\r\nb\rc\td\u0000e\u001bf\u007f')).toBe('a\\r\\nb\\rc\\td\\x00e\\x1bf\\x7f');
  });
});

describe('indentText', () => {
  it('indents every line after the first', () => {
    expect(indentText('a\nb\nc', 2)).toBe('a\n  b\n  c');
  });
});
