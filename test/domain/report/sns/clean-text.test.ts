import { describe, expect, it } from '@jest/globals';
import { cleanText, indentText } from '../../../../lib/domain/report/sns/clean-text.js';

describe('cleanText', () => {
  it('keeps line breaks, normalises CRLF and tabs, and drops other control characters', () => {
    expect(cleanText('a\r\nb\rc\td\u0000e\u001bf\u007f')).toBe('a\nb\nc def');
  });
});

describe('indentText', () => {
  it('indents every line after the first', () => {
    expect(indentText('a\nb\nc', 2)).toBe('a\n  b\n  c');
  });
});
