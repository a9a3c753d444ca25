import { BadServerText, cleanStrings } from './server-text.js';
import type { ShapeReader } from './shapes.js';
import type { CfAnswer, CfMessage, CfResultInfo } from './types.js';

/**
 * What a body turned out to be when it was not Cloudflare's envelope. `shape`: the envelope, but a
 * field of the wrong type (an id that is not one, `[null]` for a list, a lone surrogate in a string).
 */
export type NotEnvelope = 'empty' | 'html' | 'json' | 'text' | 'shape';

type ParsedBody<T> = { ok: true; answer: CfAnswer<T> } | { ok: false; kind: NotEnvelope };

interface EnvelopeOptions<T> {
  /** Removed from every string of the answer (a server quoting the Authorization header). */
  token?: string;
  /** Checks a successful answer's `result`; without one it is passed on unchecked. */
  read?: ShapeReader<T>;
}

/**
 * Reads Cloudflare's v4 envelope: boolean `success` and an `errors` array of `{code, message}`, the rest
 * defaulted. Every string in it is redacted and made safe to print first (server-text.ts), so nothing
 * after this point can show a server's raw text.
 */
export function parseEnvelope<T>(
  status: number,
  body: string,
  contentType: string | null,
  options: EnvelopeOptions<T> = {},
): ParsedBody<T> {
  const text = body.trim();
  if (text === '') return { ok: false, kind: 'empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const html = /html/i.test(contentType ?? '') || text.startsWith('<');
    return { ok: false, kind: html ? 'html' : 'text' };
  }
  if (!isRecord(raw) || typeof raw.success !== 'boolean' || !Array.isArray(raw.errors)) {
    return { ok: false, kind: 'json' };
  }
  let json: Record<string, unknown>;
  try {
    json = cleanStrings(raw, options.token ?? '') as Record<string, unknown>;
  } catch (error) {
    if (error instanceof BadServerText) return { ok: false, kind: 'shape' };
    throw error;
  }
  const errors = readMessages(json.errors);
  const resultInfo = json.result_info === undefined || json.result_info === null ? undefined : readResultInfo(json.result_info);
  if (!errors || resultInfo === null) return { ok: false, kind: 'shape' };
  const success = json.success as boolean;
  let result: T | null = null;
  if (success && options.read) {
    const read = options.read(json.result);
    if (read === undefined) return { ok: false, kind: 'shape' };
    result = read;
  } else if (success) {
    result = (json.result ?? null) as T | null;
  }
  const answer: CfAnswer<T> = {
    status,
    success,
    errors,
    // Never read by mastrakit: entries of another shape are dropped rather than refused.
    messages: Array.isArray(json.messages) ? json.messages.filter(isMessage) : [],
    result,
    ...(resultInfo && { resultInfo }),
  };
  return { ok: true, answer };
}

/**
 * True when any of `codes` is among the answer's errors or anywhere in their error_chain: the one way
 * mastrakit reads a code.
 */
export function hasErrorCode(answer: Pick<CfAnswer, 'errors'>, ...codes: number[]): boolean {
  return errorCodes(answer).some((code) => codes.includes(code));
}

/** "HTTP 403, code 9109: Unauthorized to access requested resource" */
export function describeFailedAnswer(answer: Pick<CfAnswer, 'status' | 'errors'>): string {
  const first = answer.errors[0];
  return first ? `HTTP ${answer.status}, code ${first.code}: ${first.message}` : `HTTP ${answer.status}`;
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

/** `errors` as Cloudflare sends them; null when any entry (or error_chain entry) has another shape. */
function readMessages(value: unknown, depth = 0): CfMessage[] | null {
  if (!Array.isArray(value) || depth > 5) return null;
  const out: CfMessage[] = [];
  for (const m of value) {
    if (!isMessage(m)) return null;
    const chain = m.error_chain === undefined ? undefined : readMessages(m.error_chain, depth + 1);
    if (chain === null) return null;
    const doc = typeof m.documentation_url === 'string' ? m.documentation_url : undefined;
    out.push({ code: m.code, message: m.message, ...(doc && { documentation_url: doc }), ...(chain && { error_chain: chain }) });
  }
  return out;
}

/**
 * result_info, undefined when it lacks what paging needs, null when a field has the wrong type (a
 * count that is not a whole number of at least 0).
 */
function readResultInfo(value: unknown): CfResultInfo | undefined | null {
  if (!isRecord(value)) return null;
  const keys = ['page', 'per_page', 'count', 'total_count', 'total_pages'] as const;
  const info: Partial<Record<(typeof keys)[number], number>> = {};
  for (const key of keys) {
    const n = value[key];
    if (n === undefined || n === null) continue;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null;
    info[key] = n;
  }
  // Some lists report only page/per_page/count; total_pages is what paging needs, so derive it when possible.
  if (info.page === undefined || info.per_page === undefined) return undefined;
  const count = info.count ?? 0;
  const totalCount = info.total_count ?? count;
  const totalPages = info.total_pages ?? Math.ceil(totalCount / Math.max(info.per_page, 1));
  return { page: info.page, per_page: info.per_page, count, total_count: totalCount, total_pages: totalPages };
}
