import { createHash } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function digest(label: string, round: number): Buffer {
  return createHash('sha256').update(`${round}:${label}`).digest();
}

/** A fixed 32-hex id derived from a label, so sample ids stay the same from run to run. */
export function fakeHex32(label: string): string {
  return digest(label, 0).toString('hex').slice(0, 32);
}

function fakeAlnum(label: string, length: number): string {
  let out = '';
  for (let round = 1; out.length < length; round++) {
    for (const byte of digest(label, round)) out += ALNUM[byte % ALNUM.length];
  }
  return out.slice(0, length);
}

export type FakeValueFormat = 'legacy' | 'cfut' | 'cfat';

/**
 * A fixed fake token value: 40 alphanumerics (the older format), or `cfut_`/`cfat_` + 40 alphanumerics + 8 hex
 * (the 2026 format, 53 chars). The checksum is not Cloudflare's: nothing here validates it.
 */
export function fakeTokenValue(label: string, format: FakeValueFormat): string {
  const body = fakeAlnum(label, 40);
  if (format === 'legacy') return body;
  return `${format}_${body}${fakeHex32(`${label}:checksum`).slice(0, 8)}`;
}

export const HEX32 = /^[0-9a-f]{32}$/;

/** What Cloudflare accepts after `Bearer `: a 40-char token of either kind, or the 2026 prefixed formats. */
export const WELL_FORMED_TOKEN = /^(?:[A-Za-z0-9_-]{40}|cf[ua]t_[A-Za-z0-9]{40}[0-9a-f]{8})$/;
