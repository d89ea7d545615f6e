/**
 * Small helpers to write GitHub-flavoured Markdown safely from untrusted text (resource ids, tag values and
 * AWS error messages end up in findings). Each goes through the one sanitiser, `untrusted-text.ts`.
 */
import { breakMentionsAndLinks, displayLines, displayText, markdownSafe } from './untrusted-text.js';

/**
 * Escapes prose so that `*`, `_`, `[`, `<`, `&`, backticks ... show literally instead of formatting or HTML.
 * `|` is left alone: it only matters in tables, where {@link cell} escapes it.
 */
export function escapeText(text: string): string {
  return markdownSafe(text);
}

/** Escapes text for an HTML context (e.g. inside `<summary>`). */
export function escapeHtml(text: string): string {
  return breakMentionsAndLinks(escapeHtmlChars(displayText(text)), '&#8203;');
}

function escapeHtmlChars(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An inline code span that survives backticks in `text` (CommonMark: a longer backtick fence, padded). */
export function codeSpan(text: string): string {
  const flat = displayText(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run in `text`. */
export function codeBlock(raw: string, language = ''): string {
  const text = displayLines(raw.replace(/\r\n?/g, '\n'));
  const longest = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/**
 * One table cell: `|` escaped as `\|` (GFM unescapes it, also inside code spans) and line breaks turned into
 * `<br>`, so a cell can never end the row or the table early.
 */
export function cell(markdown: string): string {
  return markdown.replace(/\r?\n/g, '<br>').replace(/\|/g, '\\|');
}

/**
 * Prose that may quote code between backticks (check remediations do: "see `kube-aws-audit policy`"): quoted parts
 * become code spans, the rest is escaped.
 */
export function proseWithCode(text: string): string {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return escapeText(text); // unbalanced backticks: treat everything as prose
  return parts.map((part, i) => (i % 2 === 1 ? codeSpan(part) : escapeText(part))).join('');
}
