/**
 * What was pasted, judged without asking Cloudflare. People paste with stray whitespace, quotes, a
 * `Bearer ` prefix or the whole `KEY=value` line; and sometimes paste the wrong credential altogether.
 */
export type TokenFormat = 'user-2026' | 'account-2026' | 'legacy';

export type TokenShape =
  | { ok: true; token: string; format: TokenFormat }
  | { ok: false; kind: 'empty' | 'global-api-key' | 'origin-ca-key' | 'account-id' | 'not-a-token'; message: string };

const MAX_PASTE = 4096;

/** Strips what people paste by accident: whitespace anywhere at the ends, quotes, `Bearer `, `CLOUDFLARE_API_TOKEN=`. */
export function cleanToken(raw: string): string {
  let s = raw.length > MAX_PASTE ? raw.slice(0, MAX_PASTE) : raw;
  s = s.replace(/^\uFEFF/, '').trim();
  s = s.replace(/^(?:export\s+)?(?:CLOUDFLARE_API_TOKEN|CF_API_TOKEN)\s*=\s*/, '');
  s = s.replace(/^(['"`])([\s\S]*)\1$/, '$2').trim();
  s = s.replace(/^Authorization:\s*/i, '');
  s = s.replace(/^Bearer\s+/i, '');
  s = s.replace(/^(['"`])([\s\S]*)\1$/, '$2').trim();
  return s;
}

const USER_2026 = /^cfut_[A-Za-z0-9]{40}[0-9a-f]{8}$/;
const ACCOUNT_2026 = /^cfat_[A-Za-z0-9]{40}[0-9a-f]{8}$/;
const LEGACY = /^[A-Za-z0-9_-]{40}$/;
const GLOBAL_KEY_2026 = /^cfk_[A-Za-z0-9]{40}[0-9a-f]{8}$/;
/**
 * 37 to 45 lowercase hex (docs/cloudflare-api.md, "Token strings"). This range holds 40, the length of
 * an older token: an all-lowercase-hex 40-character string is read as a Global API Key, never sent to
 * Cloudflare. A real older token is that by chance about once in 2^80 (each of its 40 characters is one
 * of 64; hex is 16 of them), while a pasted key is a likely mistake.
 */
const GLOBAL_KEY_LEGACY = /^[0-9a-f]{37,45}$/;
const ORIGIN_CA = /^v1\.0-[0-9a-f]{24}-[0-9a-f]{146}$/;
const ACCOUNT_ID = /^[0-9a-f]{32}$/;

/** A Cloudflare account id: 32 lowercase hex characters. */
export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

/** Classifies a pasted credential (after cleaning). Messages are the user-facing `❌` lines without the mark. */
export function readTokenShape(raw: string): TokenShape {
  const raw2 = raw.length > MAX_PASTE ? null : raw;
  if (raw2 === null) {
    return { ok: false, kind: 'not-a-token', message: `this is not an API token (${raw.length} characters pasted; a token is 40 or 53)` };
  }
  const token = cleanToken(raw2);
  if (token === '') return { ok: false, kind: 'empty', message: 'no token was given' };
  if (USER_2026.test(token)) return { ok: true, token, format: 'user-2026' };
  if (ACCOUNT_2026.test(token)) return { ok: true, token, format: 'account-2026' };
  if (GLOBAL_KEY_2026.test(token) || GLOBAL_KEY_LEGACY.test(token)) {
    return { ok: false, kind: 'global-api-key', message: 'this is a Global API Key, not an API token' };
  }
  if (ORIGIN_CA.test(token) || /^v1\.0-/.test(token)) {
    return { ok: false, kind: 'origin-ca-key', message: 'this is an Origin CA key, not an API token' };
  }
  if (isAccountId(token)) return { ok: false, kind: 'account-id', message: 'this is an account id, not an API token' };
  if (LEGACY.test(token)) return { ok: true, token, format: 'legacy' };
  return { ok: false, kind: 'not-a-token', message: describeNonToken(token) };
}

function describeNonToken(s: string): string {
  // Never echo what was pasted: it may be a real secret of another kind.
  if (/[\r\n]/.test(s)) return 'this is not an API token: it has a line break in the middle (copy the token again, on its own)';
  if (/\s/.test(s)) return 'this is not an API token: it has spaces in the middle (copy the token again, on its own)';
  if (/[\u0000-\u001f\u007f]/.test(s)) return 'this is not an API token: it holds control characters (copy the token again)';
  return `this is not an API token (${s.length} characters; a token is 40 characters, or 53 starting with cfut_ or cfat_)`;
}

/** The last four characters, the most of a token ever shown back. */
export function lastFour(token: string): string {
  return token.length >= 12 ? `…${token.slice(-4)}` : '…';
}
