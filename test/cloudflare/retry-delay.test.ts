import { describe, expect, it } from 'vitest';
import { BACKOFF_MS, MAX_RETRY_AFTER_MS, retryDelayMs } from '../../src/cloudflare/retry-delay.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('retryDelayMs', () => {
  it.each([
    ['first backoff', 0, null, BACKOFF_MS[0]],
    ['second backoff', 1, null, BACKOFF_MS[1]],
    ['later tries keep the last backoff', 5, null, BACKOFF_MS[1]],
    ['retry-after seconds', 0, '2', 2000],
    ['retry-after zero', 0, '0', 0],
    ['retry-after capped', 0, '3600', MAX_RETRY_AFTER_MS],
    ['retry-after HTTP date', 0, 'Sun, 01 Mar 2026 12:00:03 GMT', 3000],
    ['retry-after date in the past', 0, 'Sun, 01 Mar 2026 11:00:00 GMT', 0],
    ['retry-after garbage falls back', 1, 'soon', BACKOFF_MS[1]],
  ])('%s', (_name, attempt, header, expected) => {
    expect(retryDelayMs(attempt, header, now)).toBe(expected);
  });
});
