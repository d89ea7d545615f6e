import { describe, expect, it } from '@jest/globals';
import { visibleLength } from '../../../../lib/domain/report/render/ansi.js';
import { wrap } from '../../../../lib/domain/report/render/wrap.js';

describe('wrap', () => {
  it('breaks at spaces within the width, indenting continuation lines', () => {
    expect(wrap('aaa bbb ccc ddd', 9, '  ', '')).toEqual(['aaa bbb', '  ccc ddd']);
  });

  it('keeps a word longer than the width whole', () => {
    const arn = 'arn:aws:iam::123456789012:role/a-very-long-role-name';

    expect(wrap(`role ${arn} x`, 20, '')).toEqual(['role', arn, 'x']);
  });

  it('keeps runs of spaces between words but not at a break', () => {
    expect(wrap('a  b  c', 4, '')).toEqual(['a  b', 'c']);
  });

  it('keeps line breaks of the text', () => {
    expect(wrap('one\ntwo', 80, '> ', '')).toEqual(['one', '> two']);
  });

  it('does not count ANSI sequences toward the width', () => {
    const red = '\u001b[31mred\u001b[0m';

    const lines = wrap(`${red} ${red} ${red}`, 7, '');

    expect(lines).toEqual([`${red} ${red}`, red]);
    expect(visibleLength(lines[0]!)).toBe(7);
  });
});
