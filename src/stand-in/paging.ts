import { answers, type ApiAnswer, type ResultInfo } from './envelope.js';

export interface Page {
  page: number;
  perPage: number;
}

function positiveInteger(raw: string): number | null {
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

/** `page` from 1 and `per_page` 5 to 50 (default 20), as the official contract publishes for these lists. */
export function readPage(query: URLSearchParams): Page | ApiAnswer {
  const rawPage = query.get('page');
  const rawPerPage = query.get('per_page');
  const page = rawPage === null ? 1 : positiveInteger(rawPage);
  if (page === null || page < 1) return answers.badPaging('page', 'must be an integer of at least 1');
  const perPage = rawPerPage === null ? 20 : positiveInteger(rawPerPage);
  if (perPage === null || perPage < 5 || perPage > 50) {
    return answers.badPaging('per_page', 'must be an integer between 5 and 50');
  }
  return { page, perPage };
}

export function paginate<T>(items: readonly T[], { page, perPage }: Page): { items: T[]; resultInfo: ResultInfo } {
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return {
    items: slice,
    resultInfo: {
      page,
      per_page: perPage,
      count: slice.length,
      total_count: items.length,
      total_pages: Math.ceil(items.length / perPage),
    },
  };
}
