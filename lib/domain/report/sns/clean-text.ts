import { displayText } from '../render/untrusted-text.js';

/**
 * Finding text for the plain-text alert: untrusted, so shown through the one sanitiser (control characters escaped
 * visibly, line breaks inside a value as `\n`): a value can never start a line of the message of its own.
 */
export function cleanText(text: string): string {
  return displayText(text);
}

/** Indents every line after the first by `spaces`. */
export function indentText(text: string, spaces: number): string {
  return text.replace(/\n/gu, `\n${' '.repeat(spaces)}`);
}
