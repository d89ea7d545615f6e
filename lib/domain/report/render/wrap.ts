import { visibleLength } from './ansi.js';

/**
 * Word-wraps `text` to `width` columns: the first line starts with `firstIndent`, the following ones with
 * `indent` (indents are kept verbatim, so they may hold aligned columns). Runs of spaces between words are kept
 * (they separate columns) except where a line breaks. A word longer than the line (an ARN, a URL) is kept whole on a
 * line of its own rather than cut. Line breaks in `text` are kept. ANSI colour sequences take no width.
 */
export function wrap(text: string, width: number, indent: string, firstIndent: string = indent): string[] {
  const lines: string[] = [];
  text.split(/\r?\n/).forEach((paragraph, p) => {
    const start = p === 0 ? firstIndent : indent;
    let line = start;
    // ['word', '  ', 'word', ' ', 'word']; a leading run of spaces yields ['', '  ', 'word', ...]
    const tokens = paragraph.trim().split(/( +)/);
    for (let i = 0; i < tokens.length; i += 2) {
      const word = tokens[i] ?? '';
      if (word === '') continue;
      const gap = line === start ? '' : (tokens[i - 1] ?? ' ');
      if (line !== start && visibleLength(line) + gap.length + visibleLength(word) > width) {
        lines.push(line.trimEnd());
        line = indent + word;
      } else {
        line += gap + word;
      }
    }
    lines.push(line.trimEnd());
  });
  return lines;
}
