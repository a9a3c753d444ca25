import { describeFailedAnswer, hasErrorCode } from '../cloudflare/envelope.js';
import type { CfZone, CloudflareClient } from '../cloudflare/types.js';
import { zoneCandidates } from '../project/hostname.js';
import { listOf, readZone } from '../cloudflare/shapes.js';

/** A lookup by name finds the zone of that name in each account the token reaches: a few at most (5 is the smallest per_page). */
const ZONES_PER_PAGE = 5;

export type ZoneLookup =
  /** `zones`: every zone of that name the token sees (the same name can be a zone in two accounts). */
  | { found: true; zone: CfZone; zones: CfZone[] }
  | { found: false; why: 'denied' | 'not-found' }
  | { found: false; why: 'unknown'; detail: string };

/**
 * Finds the zone a domain lives in: the domain itself or its nearest parent that is a zone
 * (`app.example.com` lives in `example.com`). All candidates are asked at once.
 */
export async function findZone(client: CloudflareClient, domain: string): Promise<ZoneLookup> {
  const candidates = zoneCandidates(domain);
  const answers = await Promise.all(
    candidates.map((name) => client.request('GET', '/zones', { name, per_page: ZONES_PER_PAGE }, listOf(readZone, ZONES_PER_PAGE))),
  );
  for (const [i, answer] of answers.entries()) {
    const zones = answer.success ? (answer.result ?? []).filter((z) => z.name === candidates[i]) : [];
    const [zone] = zones;
    if (zone) return { found: true, zone, zones };
  }
  if (answers.every((a) => a.success)) return { found: false, why: 'not-found' };
  // Only 9109 and 10000 are "denied": another refusal proves nothing about the token (see readProbe).
  if (answers.some((a) => hasErrorCode(a, 9109, 10000))) {
    return { found: false, why: 'denied' };
  }
  const bad = answers.find((a) => !a.success);
  return { found: false, why: 'unknown', detail: bad ? describeFailedAnswer(bad) : 'no answer' };
}
