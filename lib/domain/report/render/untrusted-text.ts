/**
 * The one sanitiser for untrusted text in human-facing output (table, Markdown, e-mail text, Slack card). Tag
 * values, resource names, AWS error messages and config strings end up in findings; JSON and SARIF carry them
 * exactly, every other renderer shows them through these functions (docs/reliability.md, "Output safety").
 */

/** Characters a terminal, editor or chat client would act on rather than show. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` as one visible line: control characters (C0, DEL, C1), bidirectional overrides and line/paragraph
 * separators are written as escapes (`\x1b`, `\u202e`), line breaks and tabs as `\n`, `\r`, `\t`. A value can
 * therefore never clear the screen, recolour or hide text, reorder a line, or start a line of its own.
 */
export function displayText(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Like {@link displayText} per line, for text whose line breaks are the renderer's own (a code block of JSON). */
export function displayLines(text: string): string {
  return text.split('\n').map(displayText).join('\n');
}

/**
 * Breaks what chat and Markdown renderers turn into mentions or links (`@team`, `user@host`, `https://`, `www.`)
 * by inserting `zeroWidth` (an invisible character or its entity). Apply after any escaping that would touch it.
 */
export function breakMentionsAndLinks(text: string, zeroWidth: string): string {
  return text
    .replace(/@/gu, `@${zeroWidth}`)
    .replace(/:\/\//gu, `:${zeroWidth}//`)
    .replace(/\b(www)\./giu, `$1${zeroWidth}.`);
}

/**
 * Untrusted text as GitHub-flavoured Markdown prose: {@link displayText}, Markdown and HTML metacharacters
 * backslash-escaped (so `[x](url)`, `<b>`, `*`, `_` show literally), and mentions and autolinks broken with a
 * zero-width space entity (`@&#8203;team`, as Renovate does for the same reason).
 */
export function markdownSafe(text: string): string {
  const escaped = displayText(text).replace(/[\\`*_{}[\]<>#~&]/gu, (c) => `\\${c}`);
  return breakMentionsAndLinks(escaped, '&#8203;');
}

/**
 * Untrusted text for Slack/Teams "client-markdown": {@link displayText} on one line, `&`, `<`, `>` HTML-escaped
 * (Slack's link and mention syntax `<@U1>`, `<!here>`), mentions and links broken with U+200B.
 */
export function chatSafe(text: string): string {
  const line = displayText(text).replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
  return breakMentionsAndLinks(line, '\u200b');
}
