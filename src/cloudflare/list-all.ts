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

/**
 * Every item of a paged list (`page` from 1, `per_page` 50 unless the query says otherwise), following
 * result_info.total_pages up to MAX_PAGES. Throws CfListError on an unsuccessful page, and whatever
 * `request` throws (UnreachableError) when Cloudflare could not be asked.
 */
export async function listAll<T>(
  client: CloudflareClient,
  path: string,
  query: Record<string, string | number> = {},
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.request<T[]>('GET', path, { per_page: PER_PAGE, ...query, page });
    if (!answer.success) throw new CfListError(answer);
    const result = Array.isArray(answer.result) ? answer.result : [];
    items.push(...result);
    const totalPages = answer.resultInfo?.total_pages ?? page;
    if (result.length === 0 || page >= totalPages) break;
  }
  return items;
}

/** "HTTP 403, code 9109: Unauthorized to access requested resource" */
export function describeFailedAnswer(answer: Pick<CfAnswer, 'status' | 'errors'>): string {
  const first = answer.errors[0];
  return first ? `HTTP ${answer.status}, code ${first.code}: ${first.message}` : `HTTP ${answer.status}`;
}
