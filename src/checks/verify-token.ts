import { BASE_URL_ENV } from '../cloudflare/base-url.js';
import { describeFailedAnswer, hasErrorCode } from '../cloudflare/envelope.js';
import type { CfAnswer, CfTokenVerify, CloudflareClient } from '../cloudflare/types.js';
import { readTokenVerify } from '../cloudflare/shapes.js';
import { UnreachableError } from '../errors.js';
import type { TokenFormat } from '../token/shape.js';
import type { Check } from './types.js';
import { ipRefusal } from './ip-refusal.js';
import { day, text } from './messages.js';

export interface TokenInfo {
  id: string;
  status: string;
  kind: 'user' | 'account';
  expiresOn: string | null;
  notBefore: string | null;
}

interface Verified {
  answer: CfAnswer<CfTokenVerify>;
  kind: 'user' | 'account';
}

const accountVerifyPath = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/tokens/verify`;

export const isInvalidToken = (answer: CfAnswer) => hasErrorCode(answer, 1000);

/**
 * Asks Cloudflare whether the token is valid. An account-owned token gets "Invalid API Token" (1000) from
 * the user endpoint (wrangler tells the kinds apart the same way), so with an account id known that
 * endpoint is asked before the token is called invalid.
 */
export async function verifyToken(
  client: CloudflareClient,
  format: TokenFormat,
  accountIds: readonly string[],
): Promise<Verified> {
  const [first] = accountIds;
  if (format === 'account-2026' && first) {
    return { answer: await client.request('GET', accountVerifyPath(first), undefined, readTokenVerify), kind: 'account' };
  }
  const answer = await client.request('GET', '/user/tokens/verify', undefined, readTokenVerify);
  // Cloudflare answers this path for any token, valid or not: "could not route" means the base URL is
  // not Cloudflare's API (a mirror path without /client/v4), not that the token is bad.
  if (answer.status === 404) {
    throw new UnreachableError(
      `The API at ${BASE_URL_ENV} has no /user/tokens/verify (HTTP 404): check that it ends in /client/v4.`,
    );
  }
  if (!isInvalidToken(answer)) return { answer, kind: 'user' };
  return (await verifyAsAccountToken(client, accountIds)) ?? { answer, kind: 'user' };
}

/** Tries the account endpoint for each candidate account (at most three: this runs only for a token the user endpoint refused). */
export async function verifyAsAccountToken(
  client: CloudflareClient,
  accountIds: readonly string[],
): Promise<Verified | null> {
  for (const id of accountIds.slice(0, 3)) {
    const answer = await client.request('GET', accountVerifyPath(id), undefined, readTokenVerify);
    if (answer.success) return { answer, kind: 'account' };
  }
  return null;
}

/** Refused as invalid: an account-owned token asked at the wrong endpoint, or at the wrong account. */
export function needsAccountRetry(verified: Verified): boolean {
  return isInvalidToken(verified.answer) || (verified.kind === 'account' && !verified.answer.success);
}

const DAY_MS = 86_400_000;
const WARN_DAYS = 30;

/** The token check, and what is known of the token, from the verify answer. */
export function verifyVerdict(verified: Verified, now: Date): { check: Check; info: TokenInfo | null; valid: boolean } {
  const { answer, kind } = verified;
  const base = { id: 'token', title: 'Token is valid', key: null, required: true } as const;
  const r = answer.success ? answer.result : null;
  if (!r) {
    const ip = ipRefusal(answer);
    if (ip !== null) {
      return { check: { ...base, status: 'fail', message: text.ipRestricted(ip), fix: text.ipRestrictedFix }, info: null, valid: false };
    }
    if (answer.status === 401 || answer.status === 403 || answer.status === 400 || isInvalidToken(answer)) {
      return { check: { ...base, status: 'fail', message: text.invalidToken, fix: text.invalidTokenFix }, info: null, valid: false };
    }
    return { check: { ...base, status: 'fail', message: text.refused(describeFailedAnswer(answer)), fix: text.invalidTokenFix }, info: null, valid: false };
  }
  const info: TokenInfo = {
    id: r.id,
    status: r.status,
    kind,
    expiresOn: r.expires_on ?? null,
    notBefore: r.not_before ?? null,
  };
  const expires = info.expiresOn ? new Date(info.expiresOn).getTime() : null;
  const notBefore = info.notBefore ? new Date(info.notBefore).getTime() : null;
  const fail = (message: string, fix: string) => ({ check: { ...base, status: 'fail' as const, message, fix }, info, valid: false });
  if (r.status === 'disabled') return fail(text.disabled, text.disabledFix);
  if (r.status === 'expired' || (expires !== null && expires <= now.getTime())) {
    return fail(info.expiresOn ? text.expired(day(info.expiresOn)) : text.expiredUndated, text.expiredFix);
  }
  if (notBefore !== null && notBefore > now.getTime()) return fail(text.notYetValid(day(info.notBefore ?? '')), text.notYetValidFix);
  if (r.status !== 'active') return fail(text.refused(`status ${r.status}`), text.invalidTokenFix);
  if (expires !== null && expires - now.getTime() < WARN_DAYS * DAY_MS) {
    const days = Math.max(0, Math.ceil((expires - now.getTime()) / DAY_MS));
    return {
      check: { ...base, status: 'warn', message: text.expiresSoon(day(info.expiresOn ?? ''), days), fix: text.expiresSoonFix },
      info,
      valid: true,
    };
  }
  return {
    check: { ...base, status: 'pass', message: text.active(info.expiresOn ? day(info.expiresOn) : null), fix: null },
    info,
    valid: true,
  };
}
