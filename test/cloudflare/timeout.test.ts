import { describe, expect, it } from 'vitest';
import { formatSeconds, resolveTimeoutMs } from '../../src/cloudflare/timeout.js';
import { UsageError } from '../../src/errors.js';

describe('resolveTimeoutMs', () => {
  it.each([
    [undefined, 8000],
    ['', 8000],
    ['30', 30_000],
    ['2.5', 2500],
    ['600', 600_000],
  ])('MASTRAKIT_HTTP_TIMEOUT=%s -> %i ms', (value, ms) => {
    expect(resolveTimeoutMs({ MASTRAKIT_HTTP_TIMEOUT: value })).toBe(ms);
  });

  it.each(['0', '-1', 'soon', '601', '1e3', '30s'])('refuses %s', (value) => {
    expect(() => resolveTimeoutMs({ MASTRAKIT_HTTP_TIMEOUT: value })).toThrow(UsageError);
  });
});

describe('formatSeconds', () => {
  it.each([
    [8000, '8 seconds'],
    [1000, '1 second'],
    [250, '0.25 seconds'],
  ])('%i ms', (ms, text) => expect(formatSeconds(ms)).toBe(text));
});
