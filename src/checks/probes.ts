import { randomBytes, randomUUID } from 'node:crypto';
import { describeFailedAnswer } from '../cloudflare/list-all.js';
import type { CfAnswer, CfMethod } from '../cloudflare/types.js';
import type { RowId } from '../permissions/rows.js';

/**
 * How each permission is proven without changing anything (API-FACTS.md, "Probes"). A GET proves only
 * Read, so an Edit is proven by a DELETE aimed at an id that cannot exist: Cloudflare checks permission
 * before existence, so "not found" means the right is held and 10000/9109 means it is not.
 */
export interface Probe {
  method: CfMethod;
  path: string;
  query?: Record<string, string | number>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function accountProbe(row: RowId, accountId: string): Probe | null {
  const a = encodeURIComponent(accountId);
  switch (row) {
    case 'account-settings-read':
      // The body lists members' emails: only the status is read.
      return { method: 'GET', path: `/accounts/${a}/members`, query: { per_page: 5 } };
    case 'workers-scripts-edit':
      return { method: 'DELETE', path: `/accounts/${a}/workers/scripts/mastrakit-probe-${hex(12)}` };
    case 'workers-kv-edit':
      return { method: 'DELETE', path: `/accounts/${a}/storage/kv/namespaces/${hex(16)}` };
    default:
      return null;
  }
}

export function zoneProbe(row: RowId, zoneId: string): Probe | null {
  const z = encodeURIComponent(zoneId);
  switch (row) {
    case 'zone-read':
      return { method: 'GET', path: `/zones/${z}` };
    case 'dns-edit':
      return { method: 'DELETE', path: `/zones/${z}/dns_records/${hex(16)}` };
    case 'ssl-edit':
      return { method: 'DELETE', path: `/zones/${z}/ssl/certificate_packs/${randomUUID()}` };
    default:
      return null;
  }
}

export type ProbeVerdict = { held: true } | { held: false } | { held: 'unknown'; detail: string };

/** Error codes Cloudflare answers for a right the token lacks (Workers/KV: 10000, zone and account APIs: 9109). */
const DENIED_CODES = new Set([10000, 9109]);
/** "Could not route": a 404 about the path itself (a proxy or mirror), which proves nothing about the right. */
const ROUTING_CODES = new Set([7000, 7003]);

/** Reads a probe's answer. Only valid once the token itself is known to be valid: 10000 also means "bad token". */
export function readProbe(probe: Probe, answer: CfAnswer): ProbeVerdict {
  if (answer.errors.some((e) => DENIED_CODES.has(e.code))) return { held: false };
  if (answer.status === 401 || answer.status === 403) return { held: false };
  if (probe.method === 'GET' && answer.success) return { held: true };
  // Any other not-found code counts: the SSL one is not public (API-FACTS.md), so it is not pinned.
  if (probe.method === 'DELETE' && answer.status === 404 && !answer.errors.some((e) => ROUTING_CODES.has(e.code))) {
    return { held: true };
  }
  return { held: 'unknown', detail: describeFailedAnswer(answer) };
}
