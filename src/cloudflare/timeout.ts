import { UsageError } from '../errors.js';
import { ENV, envValue, type Env } from '../env.js';

/** Seconds to wait for each Cloudflare answer; named in the timeout message so users can raise it. */
export const [TIMEOUT_ENV] = ENV.timeout;
export const DEFAULT_TIMEOUT_MS = 8_000;
const MAX_TIMEOUT_S = 600;
export const MAX_TIMEOUT_MS = MAX_TIMEOUT_S * 1000;

export function resolveTimeoutMs(env: Env): number {
  const raw = envValue(env, TIMEOUT_ENV);
  if (raw === undefined) return DEFAULT_TIMEOUT_MS;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_S)) {
    throw new UsageError(`${TIMEOUT_ENV} must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}.`);
  }
  return Math.round(seconds * 1000);
}

/** "8 seconds", "1 second", "0.25 seconds". */
export function formatSeconds(ms: number): string {
  const seconds = Math.round(ms / 10) / 100;
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}
