import { describeFailedAnswer } from './envelope.js';
import { listOf, type ShapeReader } from './shapes.js';
import type { CfAnswer, CloudflareClient } from './types.js';

/** Enough for any real list of accounts or zones a deploy token reaches; stops a server that pages forever. */
export const MAX_PAGES = 20;
const PER_PAGE = 50;

/** A list page that came back unsuccessful (a 4xx with Cloudflare's envelope). */
export class CfListError extends Error {
  constructor(readonly answer: CfAnswer) {
    super(describeFailedAnswer(answer));
    this.name = 'CfListError';
  }
}

/** A list as far as it was read, and how long Cloudflare says it is (never less than what was read). */
export interface Listed<T> {
  items: T[];
  total: number;
}

/**
 * Every item of a paged list (`page` from 1, `per_page` 50 unless the query says otherwise): the first
 * page, then every further page it announces, up to MAX_PAGES, all at once (one more round trip, not one
 * per page). A short first page, or a total_count that fits in it, ends the list there, so a server
 * claiming endless pages costs at most MAX_PAGES requests. Items past `per_page` on a page are ignored
 * (and not even checked: listOf reads only that many). `total` is result_info.total_count, the true length
 * even when it is longer than what was read. Throws CfListError on an unsuccessful page, and whatever
 * `request` throws (UnreachableError) when Cloudflare could not be asked or answered in another shape.
 */
export async function listAll<T>(
  client: CloudflareClient,
  path: string,
  read: ShapeReader<T>,
  query: Record<string, string | number> = {},
): Promise<Listed<T>> {
  const perPage = Number(query.per_page ?? PER_PAGE);
  const first = await listPage(client, path, read, query, perPage, 1);
  const counted = first.totalCount === undefined ? Infinity : Math.ceil(first.totalCount / perPage);
  const last = first.items.length < perPage ? 1 : Math.min(first.totalPages, counted, MAX_PAGES);
  const rest = await Promise.all(Array.from({ length: Math.max(0, last - 1) }, (_, i) => listPage(client, path, read, query, perPage, i + 2)));
  const items = [first, ...rest].flatMap((page) => page.items);
  return { items, total: Math.max(first.totalCount ?? 0, items.length) };
}

/** The first page alone: for a caller that needs only the true count and the first names. */
export async function firstPage<T>(
  client: CloudflareClient,
  path: string,
  read: ShapeReader<T>,
  query: Record<string, string | number> = {},
): Promise<Listed<T>> {
  const first = await listPage(client, path, read, query, Number(query.per_page ?? PER_PAGE), 1);
  return { items: first.items, total: Math.max(first.totalCount ?? 0, first.items.length) };
}

interface Page<T> {
  items: T[];
  totalCount: number | undefined;
  totalPages: number;
}

async function listPage<T>(
  client: CloudflareClient,
  path: string,
  read: ShapeReader<T>,
  query: Record<string, string | number>,
  perPage: number,
  page: number,
): Promise<Page<T>> {
  const answer = await client.request<T[]>('GET', path, { per_page: perPage, ...query, page }, listOf(read, perPage));
  if (!answer.success) throw new CfListError(answer);
  return { items: answer.result ?? [], totalCount: answer.resultInfo?.total_count, totalPages: answer.resultInfo?.total_pages ?? page };
}
