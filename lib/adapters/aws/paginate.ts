import { AwsCallError } from './errors.js';

/** Which listing is being paged, for the error when a service misbehaves. */
export interface PageSource {
  operation: string;
  region: string;
  /** Most pages followed before the listing is given up as incomplete; default {@link maxPagesPerListing}. */
  maxPages?: number;
}

/** Default cap on pages of one listing: 1,000 pages of up to 1,000 items each is far beyond any real account. */
export const DEFAULT_MAX_PAGES = 1000;
/** The environment variable that changes {@link DEFAULT_MAX_PAGES}. */
export const MAX_PAGES_ENV = 'KUBE_AWS_AUDIT_MAX_PAGES';

/** The page cap in force: `KUBE_AWS_AUDIT_MAX_PAGES` when it is a positive integer, else {@link DEFAULT_MAX_PAGES}. */
export function maxPagesPerListing(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const value = Number(env[MAX_PAGES_ENV]);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_PAGES;
}

/**
 * Fetches every page of a paginated AWS listing: calls `fetchPage(token)` until `nextToken(page)` is empty.
 * A service that hands back the same token twice, says "truncated" without a marker, or still points further after
 * the page cap ({@link maxPagesPerListing}: an endless stream of new tokens) raises an {@link AwsCallError} (kind
 * `server`) instead of looping forever or silently stopping early.
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
  const maxPages = source.maxPages ?? maxPagesPerListing();
  let token: string | undefined;
  do {
    if (pages.length >= maxPages) throw pageCapError(source, maxPages);
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

/** The error of a listing that still pointed further after `maxPages` pages. */
export function pageCapError(source: PageSource, maxPages: number): AwsCallError {
  return paginationError(source, `still more pages after ${maxPages} (the page cap, ${MAX_PAGES_ENV}); the service may be returning endless tokens`);
}

function paginationError(source: PageSource, problem: string): AwsCallError {
  const reason = `PaginationError: ${problem}; the listing is incomplete`;
  return new AwsCallError({ operation: source.operation, region: source.region, kind: 'server', code: 'PaginationError', reason, cause: undefined });
}
