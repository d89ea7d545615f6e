/**
 * The one formatter of caught errors for messages, notes, finding details and logs: one line, never a stack.
 *
 * - an `Error` subclass reads `<Name>: <message>` (`TypeError: x is not a function`, `AccessDenied: ...`), a plain
 *   `Error` just its message, and an error without a message its name;
 * - with `{ name: false }` the name is left out (for messages whose errors already say what they are, such as the
 *   CLI's `unexpected error: ...` line);
 * - anything else that was thrown is converted with `String()`;
 * - line breaks (and the blanks around them) become one space.
 */
export function describeError(err: unknown, options: { name?: boolean } = {}): string {
  if (!(err instanceof Error)) return oneLine(String(err));
  const message = oneLine(err.message);
  if (message === '') return err.name;
  const named = (options.name ?? true) && err.name !== '' && err.name !== 'Error';
  return named ? `${err.name}: ${message}` : message;
}

/** Collapses a message to one line: commander, zod and SDK messages may span several. */
export function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}
