import type { VideoModelV3ListJobsOptions } from '@videogen/provider-spec';
import { invalidVideoArgument } from './video-parameters';

// Job lists of APIs that page by number (Seedance, MiniMax v2, DashScope): the cursor is the page
// number as a string, `limit` the page size. One reading of the options and one "is there a next
// page" rule, with one wording.

/**
 * The page to read: `after` (default page 1) and `limit` (default `defaultLimit`, at most `maxLimit`).
 * Throws an `InvalidArgumentError` for a cursor that is no page number or a page size out of range.
 */
export function readPageNumberCursor(
  options: Pick<VideoModelV3ListJobsOptions, 'after' | 'limit'>,
  { api, defaultLimit, maxLimit }: { api: string; defaultLimit: number; maxLimit?: number },
): { pageNumber: number; pageSize: number } {
  const pageNumber = options.after === undefined ? 1 : Number(options.after);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    throw invalidVideoArgument('after', `Not a ${api} list cursor (a page number from 1): ${options.after}.`);
  }
  const pageSize = options.limit ?? defaultLimit;
  if (!Number.isInteger(pageSize) || pageSize < 1 || (maxLimit !== undefined && pageSize > maxLimit)) {
    throw invalidVideoArgument(
      'limit',
      `${api} lists ${maxLimit !== undefined ? `1 to ${maxLimit}` : 'at least 1'} jobs per page; got ${options.limit}.`,
    );
  }
  return { pageNumber, pageSize };
}

/**
 * The cursor of the page after `pageNumber`, or `undefined` on the last page: from the API's page
 * count or item total where it gives one, else a full page means there may be more.
 */
export function nextPageNumberCursor({
  pageNumber,
  pageSize,
  received,
  total,
  totalPages,
}: {
  pageNumber: number;
  pageSize: number;
  /** How many items the page held (before any local filtering). */
  received: number;
  total?: number | null;
  totalPages?: number | null;
}): string | undefined {
  const more =
    totalPages != null
      ? pageNumber < totalPages
      : total != null
        ? pageNumber * pageSize < total
        : received === pageSize;
  return more ? String(pageNumber + 1) : undefined;
}
