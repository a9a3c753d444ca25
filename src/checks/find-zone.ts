import { describeFailedAnswer, hasErrorCode } from '../cloudflare/envelope.js';
import type { CfAnswer, CfZone, CloudflareClient } from '../cloudflare/types.js';
import { ipRefusal } from './ip-refusal.js';
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
  const ask = (name: string) => client.request('GET', '/zones', { name, per_page: ZONES_PER_PAGE }, listOf(readZone, ZONES_PER_PAGE));
  let answers = await Promise.all(candidates.map(ask));
  // A refusal here would read as "Zone: Read missing": like a probe's, it is asked once more, all such
  // names together, and the second answer decides (docs/cloudflare-api.md, "Transient refusals").
  if (!answers.some((a, i) => zoneNamed(a, candidates[i]) !== undefined) && answers.some(isDenial)) {
    answers = await Promise.all(answers.map((a, i) => (isDenial(a) ? ask(candidates[i] ?? '') : a)));
  }
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

/** 9109 or 10000, and not the IP filter (which the checks read on their own): "denied". */
function isDenial(answer: CfAnswer): boolean {
  return ipRefusal(answer) === null && hasErrorCode(answer, 9109, 10000);
}

function zoneNamed(answer: CfAnswer<CfZone[]>, name: string | undefined): CfZone | undefined {
  return answer.success ? (answer.result ?? []).find((z) => z.name === name) : undefined;
}
