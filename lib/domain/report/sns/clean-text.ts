/** Drops control characters except line breaks (CRLF and CR become LF, a tab a space): finding text is untrusted. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/\r\n?/gu, '\n').replace(/\t/gu, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/gu, '');
}

/** Indents every line after the first by `spaces`. */
export function indentText(text: string, spaces: number): string {
  return text.replace(/\n/gu, `\n${' '.repeat(spaces)}`);
}
