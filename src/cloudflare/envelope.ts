import type { CfAnswer, CfMessage, CfResultInfo } from './types.js';

/** What a body turned out to be when it was not Cloudflare's envelope. */
export type NotEnvelope = 'empty' | 'html' | 'json' | 'text';

export type ParsedBody<T> = { ok: true; answer: CfAnswer<T> } | { ok: false; kind: NotEnvelope };

/** Reads Cloudflare's v4 envelope: boolean `success` and an `errors` array, the rest defaulted. */
export function parseEnvelope<T>(status: number, body: string, contentType: string | null): ParsedBody<T> {
  const text = body.trim();
  if (text === '') return { ok: false, kind: 'empty' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const html = /html/i.test(contentType ?? '') || text.startsWith('<');
    return { ok: false, kind: html ? 'html' : 'text' };
  }
  if (!isRecord(json) || typeof json.success !== 'boolean' || !Array.isArray(json.errors)) {
    return { ok: false, kind: 'json' };
  }
  const resultInfo = readResultInfo(json.result_info);
  const answer: CfAnswer<T> = {
    status,
    success: json.success,
    errors: json.errors.filter(isMessage),
    messages: Array.isArray(json.messages) ? json.messages.filter(isMessage) : [],
    result: (json.result ?? null) as T | null,
    ...(resultInfo && { resultInfo }),
  };
  return { ok: true, answer };
}

/** True when `code` is among the answer's errors or anywhere in their error_chain. */
export function hasErrorCode(answer: Pick<CfAnswer, 'errors'>, code: number): boolean {
  return errorCodes(answer).includes(code);
}

/** Every error code in the answer, error_chain entries included, outermost first. */
export function errorCodes(answer: Pick<CfAnswer, 'errors'>): number[] {
  const codes: number[] = [];
  const walk = (messages: readonly CfMessage[], depth: number): void => {
    for (const m of messages) {
      codes.push(m.code);
      if (depth < 5 && m.error_chain) walk(m.error_chain, depth + 1);
    }
  };
  walk(answer.errors, 0);
  return codes;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessage(value: unknown): value is CfMessage {
  return isRecord(value) && typeof value.code === 'number' && typeof value.message === 'string';
}

function readResultInfo(value: unknown): CfResultInfo | undefined {
  if (!isRecord(value)) return undefined;
  const keys = ['page', 'per_page', 'count', 'total_count', 'total_pages'] as const;
  const info: Partial<Record<(typeof keys)[number], number>> = {};
  for (const key of keys) {
    const n = value[key];
    if (typeof n === 'number' && Number.isFinite(n)) info[key] = n;
  }
  // Some lists report only page/per_page/count; total_pages is what paging needs, so derive it when possible.
  if (info.page === undefined || info.per_page === undefined) return undefined;
  const count = info.count ?? 0;
  const totalCount = info.total_count ?? count;
  const totalPages = info.total_pages ?? Math.ceil(totalCount / Math.max(info.per_page, 1));
  return { page: info.page, per_page: info.per_page, count, total_count: totalCount, total_pages: totalPages };
}
