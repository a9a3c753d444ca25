import { listOf, type ShapeReader } from './shapes.js';
import type { CfAnswer, CloudflareClient } from './types.js';

/** Enough for any real list of accounts or zones a deploy token reaches; stops a server that pages forever. */
export const MAX_PAGES = 20;
export const PER_PAGE = 50;

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
 * Every item of a paged list (`page` from 1, `per_page` 50 unless the query says otherwise), following
 * result_info.total_pages up to MAX_PAGES and stopping at the first short page, so a server claiming
 * endless pages costs at most MAX_PAGES requests. Items past `per_page` on a page are ignored (and not
 * even checked: listOf reads only that many). `total` is result_info.total_count, the true length even
 * when it is longer than what was read. Throws CfListError on an unsuccessful page, and whatever
 * `request` throws (UnreachableError) when Cloudflare could not be asked or answered in another shape.
 */
export async function listAll<T>(
  client: CloudflareClient,
  path: string,
  read: ShapeReader<T>,
  query: Record<string, string | number> = {},
): Promise<Listed<T>> {
  const perPage = Number(query.per_page ?? PER_PAGE);
  const items: T[] = [];
  let total = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.request<T[]>('GET', path, { per_page: perPage, ...query, page }, listOf(read, perPage));
    if (!answer.success) throw new CfListError(answer);
    const result = answer.result ?? [];
    items.push(...result);
    if (page === 1) total = answer.resultInfo?.total_count ?? 0;
    const totalPages = answer.resultInfo?.total_pages ?? page;
    if (result.length < perPage || page >= totalPages) break;
  }
  return { items, total: Math.max(total, items.length) };
}

/** "HTTP 403, code 9109: Unauthorized to access requested resource" */
export function describeFailedAnswer(answer: Pick<CfAnswer, 'status' | 'errors'>): string {
  const first = answer.errors[0];
  return first ? `HTTP ${answer.status}, code ${first.code}: ${first.message}` : `HTTP ${answer.status}`;
}
