import { randomBytes } from 'node:crypto';
import { describeFailedAnswer } from '../cloudflare/list-all.js';
import type { CfAnswer, CfMethod } from '../cloudflare/types.js';
import type { RowId } from '../permissions/rows.js';

/**
 * How each permission is proven without changing anything (docs/cloudflare-api.md, "Probes"). A GET proves only
 * Read, so an Edit is proven by a DELETE aimed at an id that cannot exist: Cloudflare checks permission
 * before existence, so "not found" means the right is held and 10000/9109 means it is not.
 */
export interface Probe {
  method: CfMethod;
  path: string;
  query?: Record<string, string | number>;
}

/**
 * Every id put in a path meets the official parameter schema of its operation (docs/cloudflare-api.md,
 * "Probes"): zone, DNS record, certificate pack and KV namespace ids are at most 32 characters, a Worker
 * name matches `^[a-z0-9_][a-z0-9-_]*$`. A validating proxy refuses anything else, which would turn a
 * verdict into "could not check". 32 lowercase hex digits fit all of them (a certificate pack id is a UUID
 * at Cloudflare, whose parser also accepts the form without dashes).
 */
export const probeId = (): string => randomBytes(16).toString('hex');
/** A Worker name that cannot exist: the prefix says whose it is, 24 hex make it unique. */
export const probeScriptName = (): string => `mastrakit-probe-${randomBytes(12).toString('hex')}`;

export function accountProbe(row: RowId, accountId: string): Probe | null {
  const a = encodeURIComponent(accountId);
  switch (row) {
    case 'account-settings-read':
      // The body lists members' emails: only the status is read.
      return { method: 'GET', path: `/accounts/${a}/members`, query: { per_page: 5 } };
    case 'workers-scripts-edit':
      return { method: 'DELETE', path: `/accounts/${a}/workers/scripts/${probeScriptName()}` };
    case 'workers-kv-edit':
      return { method: 'DELETE', path: `/accounts/${a}/storage/kv/namespaces/${probeId()}` };
    default:
      return null;
  }
}

export function zoneProbe(row: RowId, zoneId: string): Probe | null {
  const z = encodeURIComponent(zoneId);
  switch (row) {
    case 'zone-read':
      // Not GET /zones/{z}: about forty groups read the zone itself, DNS Edit and SSL Edit among them, so
      // its 200 says nothing about Zone: Read. This setting is readable with Zone Read or Write and Zone
      // Settings Read or Write only, on every plan (docs/cloudflare-api.md, "Zone: Read").
      return { method: 'GET', path: `/zones/${z}/settings/origin_max_http_version` };
    case 'dns-edit':
      return { method: 'DELETE', path: `/zones/${z}/dns_records/${probeId()}` };
    case 'ssl-edit':
      return { method: 'DELETE', path: `/zones/${z}/ssl/certificate_packs/${probeId()}` };
    case 'workers-routes-read':
      // The list wrangler itself reads on deploy; accepted by Workers Routes Read and Write only
      // (docs/cloudflare-api.md, "Workers Routes"). Nothing is changed.
      return { method: 'GET', path: `/zones/${z}/workers/routes` };
    default:
      return null;
  }
}

export type ProbeVerdict = { held: true } | { held: false } | { held: 'unknown'; detail: string };

/** Error codes Cloudflare answers for a right the token lacks (Workers/KV: 10000, zone and account APIs: 9109). */
const DENIED_CODES = new Set([10000, 9109]);
/** "Could not route": a 404 about the path itself (a proxy or mirror), which proves nothing about the right. */
const ROUTING_CODES = new Set([7000, 7003]);

/**
 * Reads a probe's answer. Only valid once the token itself is known to be valid: 10000 also means "bad token".
 * Only 10000 and 9109 say "missing": a 401/403 with another code is a refusal for some other reason (a zone
 * without Advanced Certificate Manager, a plan), which proves nothing about the token (docs/cloudflare-api.md,
 * "Entitlement refusals").
 */
export function readProbe(probe: Probe, answer: CfAnswer): ProbeVerdict {
  if (answer.errors.some((e) => DENIED_CODES.has(e.code))) return { held: false };
  if (probe.method === 'GET' && answer.success) return { held: true };
  // Any other not-found code counts: the SSL one is not public (docs/cloudflare-api.md, "Probes"), so it is not pinned.
  if (probe.method === 'DELETE' && answer.status === 404 && !answer.errors.some((e) => ROUTING_CODES.has(e.code))) {
    return { held: true };
  }
  return { held: 'unknown', detail: describeFailedAnswer(answer) };
}
