import type { CheckMeta } from '../lib/domain/checks/check-ids.js';

/** Marker lines that delimit the generated check table in README.md. */
export const CHECK_TABLE_MARKERS = {
  start: '<!-- checks:start -->',
  end: '<!-- checks:end -->',
} as const;

/** Escapes the characters that would break a Markdown table cell or start emphasis. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\*/g, '\\*').replace(/_/g, '\\_');
}

/**
 * The Markdown table of every registered check (id, family, default severity, unit, title), in registry order.
 * Pure: the same checks always give the same text, so a test can compare README.md with it.
 */
export function renderCheckTable(checks: readonly CheckMeta[]): string {
  const lines = [
    '| Check id | Family | Default severity | One finding per | Title |',
    '| --- | --- | --- | --- | --- |',
    ...checks.map((c) => `| \`${c.id}\` | ${c.family} | ${c.severity} | ${cell(c.unit)} | ${cell(c.title)} |`),
  ];
  return lines.join('\n');
}

/** Thrown when README.md lacks the markers (a README edit removed them): never append silently. */
export class MissingMarkersError extends Error {
  override readonly name = 'MissingMarkersError';
}

/** The start and end marker lines of a generated block of README.md. */
export interface BlockMarkers {
  readonly start: string;
  readonly end: string;
}

/**
 * Replaces what lies between a block's markers with `content` (markers kept, one blank line around the content).
 * Throws MissingMarkersError when the markers are missing, duplicated or out of order.
 */
export function replaceBlock(readme: string, markers: BlockMarkers, content: string): string {
  const { start, end } = markers;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < 0 || to < from || readme.indexOf(start, from + 1) >= 0 || readme.indexOf(end, to + 1) >= 0) {
    throw new MissingMarkersError(`README.md must contain exactly one ${start} followed by one ${end}`);
  }
  return `${readme.slice(0, from + start.length)}\n\n${content}\n\n${readme.slice(to)}`;
}

/** The text between a block's markers, trimmed; undefined when the markers are missing. */
export function extractBlock(readme: string, markers: BlockMarkers): string | undefined {
  const { start, end } = markers;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return undefined;
  return readme.slice(from + start.length, to).trim();
}

/**
 * Replaces what lies between the check-table markers with `table` (markers kept, one blank line around the
 * table). Throws MissingMarkersError when the markers are missing, duplicated or out of order.
 */
export function replaceCheckTable(readme: string, table: string): string {
  return replaceBlock(readme, CHECK_TABLE_MARKERS, table);
}

/** The text between the markers, trimmed; undefined when the markers are missing. */
export function extractCheckTable(readme: string): string | undefined {
  return extractBlock(readme, CHECK_TABLE_MARKERS);
}

/** The README written when none exists yet: a heading and the markers. */
export function skeletonReadme(table: string): string {
  return replaceCheckTable(`# kube-aws-audit\n\n## Checks\n\n${CHECK_TABLE_MARKERS.start}\n${CHECK_TABLE_MARKERS.end}\n`, table);
}
