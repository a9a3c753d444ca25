import { describe, expect, it } from 'vitest';
import { CfListError, MAX_PAGES, listAll } from '../../src/cloudflare/list-all.js';
import type { ShapeReader } from '../../src/cloudflare/shapes.js';
import type { CfAnswer, CloudflareClient } from '../../src/cloudflare/types.js';

const num: ShapeReader<number> = (r) => (typeof r === 'number' ? r : undefined);

/**
 * A client that serves `total` numbered items, `per_page` at a time (or `oversize` items on every page,
 * ignoring per_page), applies the reader as the real client does, and records each query.
 */
function pagedClient(total: number, pagesClaimed?: number, oversize?: number) {
  const queries: Array<Record<string, string | number>> = [];
  const client: CloudflareClient = {
    async request<T>(_method: string, _path: string, query: Record<string, string | number> = {}, read?: ShapeReader<T>) {
      queries.push(query);
      const page = Number(query.page);
      const perPage = Number(query.per_page);
      const all = Array.from({ length: total }, (_, i) => i + 1);
      const served = oversize ? all.slice(0, oversize) : all.slice((page - 1) * perPage, page * perPage);
      const items = read ? read(served) : served;
      const totalPages = pagesClaimed ?? Math.ceil(total / perPage);
      const answer: CfAnswer<unknown> = {
        status: 200,
        success: true,
        errors: [],
        messages: [],
        result: items,
        resultInfo: { page, per_page: perPage, count: served.length, total_count: total, total_pages: totalPages },
      };
      return answer as CfAnswer<T>;
    },
  };
  return { client, queries };
}

describe('listAll', () => {
  it('follows total_pages with per_page 50', async () => {
    const { client, queries } = pagedClient(120);
    const { items, total } = await listAll(client, '/accounts', num);
    expect(items).toHaveLength(120);
    expect(items.at(-1)).toBe(120);
    expect(total).toBe(120);
    expect(queries).toEqual([1, 2, 3].map((page) => ({ per_page: 50, page })));
  });

  it('keeps the caller query and per_page', async () => {
    const { client, queries } = pagedClient(7);
    expect((await listAll(client, '/zones', num, { name: 'example.com', per_page: 5 })).items).toHaveLength(7);
    expect(queries).toEqual([
      { name: 'example.com', per_page: 5, page: 1 },
      { name: 'example.com', per_page: 5, page: 2 },
    ]);
  });

  it('stops at MAX_PAGES when a server claims endless pages, and reports the true total', async () => {
    const endless = pagedClient(10_000, 10_000);
    const listed = await listAll(endless.client, '/accounts', num);
    expect(listed.items).toHaveLength(MAX_PAGES * 50);
    expect(endless.queries).toHaveLength(MAX_PAGES);
    expect(listed.total).toBe(10_000);
  });

  it('stops at the first short page, whatever total_pages claims', async () => {
    const liar = pagedClient(3, 9);
    expect((await listAll(liar.client, '/accounts', num)).items).toHaveLength(3);
    expect(liar.queries).toHaveLength(1);
  });

  it('ignores items beyond per_page on a page', async () => {
    const flood = pagedClient(50_000, 1, 50_000);
    const listed = await listAll(flood.client, '/accounts', num);
    expect(listed.items).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(listed.total).toBe(50_000);
  });

  it('throws CfListError with the status and first error on a failed page', async () => {
    const client: CloudflareClient = {
      request: async <T>() =>
        ({ status: 403, success: false, errors: [{ code: 9109, message: 'Unauthorized to access requested resource' }], messages: [], result: null }) as CfAnswer<T>,
    };
    const error = await listAll(client, '/accounts', num).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CfListError);
    expect((error as CfListError).message).toBe('HTTP 403, code 9109: Unauthorized to access requested resource');
    expect((error as CfListError).answer.status).toBe(403);
  });
});
