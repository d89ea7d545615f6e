import { AwsCallError } from './errors.js';

/** Which listing is being paged, for the error when a service misbehaves. */
export interface PageSource {
  operation: string;
  region: string;
}

/**
 * Fetches every page of a paginated AWS listing: calls `fetchPage(token)` until `nextToken(page)` is empty.
 * A service that hands back the same token twice, or says "truncated" without a marker, raises an
 * {@link AwsCallError} (kind `server`) instead of looping forever or silently stopping early.
 *
 * @returns the pages in order
 */
export async function collectPages<P>(
  source: PageSource,
  fetchPage: (token: string | undefined) => Promise<P>,
  nextToken: (page: P) => string | undefined,
): Promise<P[]> {
  const pages: P[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    pages.push(page);
    token = nextToken(page);
    if (token === '') token = undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw paginationError(source, 'the service returned the same pagination token twice');
      seen.add(token);
    }
  } while (token !== undefined);
  return pages;
}

/** The EC2 style of pagination: `NextToken`. */
export function ec2NextToken(page: { NextToken?: string | undefined }): string | undefined {
  return page.NextToken;
}

/**
 * The IAM style of pagination: `IsTruncated` + `Marker`.
 * @throws AwsCallError when a page is truncated but carries no marker (the rest could not be fetched)
 */
export function iamMarker(source: PageSource): (page: { IsTruncated?: boolean | undefined; Marker?: string | undefined }) => string | undefined {
  return (page) => {
    if (page.IsTruncated !== true) return undefined;
    if (page.Marker === undefined || page.Marker === '') throw paginationError(source, 'the page is truncated but has no Marker');
    return page.Marker;
  };
}

/** Splits a list into chunks of at most `size` (EC2 filter values: at most 200 per filter). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function paginationError(source: PageSource, problem: string): AwsCallError {
  const reason = `PaginationError: ${problem}; the listing is incomplete`;
  return new AwsCallError({ operation: source.operation, region: source.region, kind: 'server', code: 'PaginationError', reason, cause: undefined });
}
