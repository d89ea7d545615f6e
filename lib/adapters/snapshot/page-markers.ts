import type { CollectionGap, ResourceKind } from '../../domain/model/account-view.js';
import { displayText } from '../../domain/report/render/untrusted-text.js';
import type { SnapshotFile } from './snapshot-files.js';

/** What a file of each kind must not end with (docs/reliability.md, "Completeness"). */
const MARKERS = ['NextToken', 'IsTruncated', 'Marker'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The marker a page ends with that says more pages follow, as `Name "value"`; undefined when it is the last page. */
function pointsFurther(page: unknown): string | undefined {
  if (!isObject(page)) return undefined;
  const found: string[] = [];
  for (const key of MARKERS) {
    const value = page[key];
    if (key === 'IsTruncated' ? value === true : typeof value === 'string' && value !== '') {
      found.push(key === 'IsTruncated' ? 'IsTruncated: true' : `${key} "${shorten(value as string)}"`);
    }
  }
  // kubectl get ... -o json of a chunked list: metadata.continue
  const metadata = page.metadata;
  if (isObject(metadata) && typeof metadata.continue === 'string' && metadata.continue !== '') {
    found.push(`metadata.continue "${shorten(metadata.continue)}"`);
  }
  return found.length === 0 ? undefined : found.join(', ');
}

function shorten(value: string): string {
  const shown = displayText(value);
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
}

/**
 * A gap per resource kind of `file` when its (last) page still points further: the file was saved with
 * `--max-items`, `--no-paginate` or `--page-size` and holds only part of the answer. A JSON array of pages is complete
 * only when its last page carries no marker. Checks of those kinds then report `status: error` naming the file and
 * the marker, rather than treating the part as the whole account (a false "clean", or a role on a later page
 * reported as missing).
 */
export function pageMarkerGaps(file: SnapshotFile, kinds: readonly ResourceKind[]): CollectionGap[] {
  const pages = Array.isArray(file.json) ? file.json : [file.json];
  const marker = pointsFurther(pages[pages.length - 1]);
  if (marker === undefined) return [];
  const which = Array.isArray(file.json) ? `its last page (${pages.length} of ${pages.length}) ends with` : 'it ends with';
  const reason =
    `the file is incomplete: ${which} ${marker}, so more pages exist that it does not hold ` +
    `(saved with --max-items, --page-size or --no-paginate?); save it again with \`${file.spec.command}\` and no paging options`;
  return kinds.map((kind) => ({ kind, source: file.path, reason }));
}
