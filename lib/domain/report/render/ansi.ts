/** ANSI SGR styles used by the table renderer. */
export const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  boldRed: '\u001b[1;31m',
  /** Bold white on red: the "could not check" badge. */
  alert: '\u001b[1;97;41m',
} as const;
export type AnsiStyle = keyof typeof ANSI;

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** A styler: wraps text in an ANSI style when colour is on, returns it unchanged when off. */
export type Paint = (style: AnsiStyle, text: string) => string;

/** Returns a {@link Paint} that colours only when `color` is true. */
export function painter(color: boolean): Paint {
  return color ? (style, text) => (text === '' ? text : `${ANSI[style]}${text}${ANSI.reset}`) : (_style, text) => text;
}

/** Text without ANSI SGR sequences. */
export function stripAnsi(text: string): string {
  return text.replace(SGR, '');
}

/** Printed width of a text (ANSI sequences count as zero; every other code point as one column). */
export function visibleLength(text: string): number {
  return [...stripAnsi(text)].length;
}
