/** Waits between tries: short, because a person is watching a spinner. */
export const BACKOFF_MS = [250, 750] as const;
/** Cloudflare's retry-after can ask for minutes; a wizard should rather report "rate limited". */
export const MAX_RETRY_AFTER_MS = 5_000;

/**
 * Milliseconds to wait before try number `attempt + 1` (attempt counts from 0).
 * `retryAfter` is the header value: delta seconds or an HTTP date, honoured up to the cap.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null, now: Date): number {
  const backoff = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 0;
  const asked = parseRetryAfter(retryAfter, now);
  if (asked === undefined) return backoff;
  return Math.min(Math.max(asked, 0), MAX_RETRY_AFTER_MS);
}

function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : date - now.getTime();
}
