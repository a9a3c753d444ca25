import { answers, type ApiAnswer } from './envelope.js';
import { WELL_FORMED_TOKEN } from './ids.js';
import type { StandInToken, StandInWorld } from './model.js';
import { effectiveStatus } from './permissions.js';

type Credential = { kind: 'missing' } | { kind: 'malformed' } | { kind: 'bearer'; value: string };

/** Only `Authorization: Bearer <token>` is a credential; nothing is ever read from the URL or the body. */
export function readCredential(header: string | undefined): Credential {
  if (header === undefined || header === '') return { kind: 'missing' };
  const match = /^Bearer ([^ ]+)$/i.exec(header);
  if (!match?.[1] || !WELL_FORMED_TOKEN.test(match[1])) return { kind: 'malformed' };
  return { kind: 'bearer', value: match[1] };
}

export interface AuthContext {
  world: StandInWorld;
  authorization: string | undefined;
  ip: string;
  now: Date;
}

export interface AuthRules {
  /** Workers and KV routes answer code 10000 where others answer 1000 or 9109. */
  family: 'core' | 'workers';
  /**
   * The token verification endpoints: they describe an expired, disabled or not-yet-valid token instead of
   * refusing it, and answer a token whose IP filter spares them (`ipFilterSparesVerify`).
   */
  verify?: boolean;
}

/** Checks the header, the token and the caller's address, in that order; a failure is the answer to send. */
export function authenticate(ctx: AuthContext, rules: AuthRules): { token: StandInToken } | { failure: ApiAnswer } {
  const credential = readCredential(ctx.authorization);
  if (credential.kind === 'missing') return { failure: answers.missingAuth() };
  if (credential.kind === 'malformed') return { failure: answers.malformedAuth() };
  const workers = rules.family === 'workers';
  const token = ctx.world.tokens.find((t) => t.value === credential.value);
  const usable = token && (rules.verify || effectiveStatus(token, ctx.now) === 'active');
  // A token just created may be refused for a moment, until Cloudflare has propagated it.
  const propagating = token?.unpropagated !== undefined && token.unpropagated > 0;
  if (token && propagating) token.unpropagated = (token.unpropagated ?? 1) - 1;
  if (!token || !usable || propagating) return { failure: workers ? answers.workersAuthError(401) : answers.invalidToken() };
  const filtered = token.allowedIps && !token.allowedIps.includes(ctx.ip) && !(rules.verify && token.ipFilterSparesVerify);
  if (filtered) {
    return { failure: workers ? answers.workersAuthError(403) : answers.ipNotAllowed(ctx.ip) };
  }
  return { token };
}
