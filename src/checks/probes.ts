import { describeFailedAnswer, hasErrorCode } from '../cloudflare/envelope.js';
import type { CfAnswer } from '../cloudflare/types.js';
import type { Probe } from '../permissions/probe.js';

type ProbeVerdict = { held: true } | { held: false } | { held: 'unknown'; detail: string };

/** Error codes Cloudflare answers for a right the token lacks (Workers/KV: 10000, zone and account APIs: 9109). */
const DENIED_CODES = [10000, 9109];
/** "Could not route": a 404 about the path itself (a proxy or mirror), which proves nothing about the right. */
const ROUTING_CODES = [7000, 7003];

/**
 * Reads a probe's answer. Only valid once the token itself is known to be valid: 10000 also means "bad token".
 * Only 10000 and 9109 say "missing": a 401/403 with another code is a refusal for some other reason (a zone
 * without Advanced Certificate Manager, a plan), which proves nothing about the token (docs/cloudflare-api.md,
 * "Entitlement refusals").
 */
export function readProbe(probe: Probe, answer: CfAnswer): ProbeVerdict {
  if (hasErrorCode(answer, ...DENIED_CODES)) return { held: false };
  if (probe.method === 'GET' && answer.success) return { held: true };
  // Any other not-found code counts: the SSL one is not public (docs/cloudflare-api.md, "Probes"), so it is not pinned.
  if (probe.method === 'DELETE' && answer.status === 404 && !hasErrorCode(answer, ...ROUTING_CODES)) {
    return { held: true };
  }
  return { held: 'unknown', detail: describeFailedAnswer(answer) };
}
