import type { CfPermissionGroup, TokenBody, TokenPolicy } from '../cloudflare/tokens-api.js';
import { UsageError } from '../errors.js';
import type { PermissionRow } from '../permissions/rows.js';

/** `setup --create`'s pure core: which groups, which policies, which name, which expiry. */

const ACCOUNT = 'com.cloudflare.api.account';
const ZONE = 'com.cloudflare.api.account.zone';

/** The API's name of a row's group (the dashboard's "Edit" is the API's "Write"); its published id is not used. */
export function apiGroupName(row: Pick<PermissionRow, 'apiGroup'>): string {
  return row.apiGroup.name;
}

export interface RowGroup {
  row: PermissionRow;
  id: string;
}

export type GroupMatch = { ok: true; groups: RowGroup[] } | { ok: false; missing: string[] };

/**
 * Each row's group id from the live list, matched by API name (a scope that fits the row's type wins
 * when two groups share a name). Never from a published table: ids are Cloudflare's to change.
 */
export function matchGroups(rows: readonly PermissionRow[], listed: readonly CfPermissionGroup[]): GroupMatch {
  const groups: RowGroup[] = [];
  const missing: string[] = [];
  for (const row of rows) {
    const name = apiGroupName(row);
    const scope = row.type === 'Zone' ? ZONE : ACCOUNT;
    const named = listed.filter((g) => g.name === name && typeof g.id === 'string' && g.id !== '');
    const found = named.find((g) => g.scopes?.includes(scope)) ?? named[0];
    if (found) groups.push({ row, id: found.id });
    else missing.push(name);
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, groups };
}

/** Where the zone policy points: every zone of the account (before the zone is known), one zone, or none (*.workers.dev). */
export type ZoneScope = { kind: 'account-zones' } | { kind: 'zone'; zoneId: string } | { kind: 'none' };

/** One policy for the account rows on exactly this account, one for the zone rows on the zone scope. */
export function policiesFor(groups: readonly RowGroup[], accountId: string, zone: ZoneScope): TokenPolicy[] {
  const ids = (type: PermissionRow['type']) => groups.filter((g) => g.row.type === type).map((g) => ({ id: g.id }));
  const policies: TokenPolicy[] = [];
  const accountGroups = ids('Account');
  if (accountGroups.length > 0) {
    policies.push({ effect: 'allow', permission_groups: accountGroups, resources: { [`${ACCOUNT}.${accountId}`]: '*' } });
  }
  const zoneGroups = ids('Zone');
  if (zoneGroups.length > 0 && zone.kind !== 'none') {
    policies.push({
      effect: 'allow',
      permission_groups: zoneGroups,
      resources:
        zone.kind === 'zone' ? { [`${ZONE}.${zone.zoneId}`]: '*' } : { [`${ACCOUNT}.${accountId}`]: { [`${ZONE}.*`]: '*' } },
    });
  }
  return policies;
}

export function tokenBody(name: string, policies: TokenPolicy[], expiresOn: Date | null): TokenBody {
  const body: TokenBody = { name, policies };
  if (expiresOn) body.expires_on = expiresOn.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return body;
}

/**
 * The name to create under: the base name, or with the first free suffix (`-2`, `-3`, …) when a token
 * of that name exists already. A name is never reused silently.
 */
export function freeName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base}-${n}`;
    if (!taken.has(name)) return name;
  }
}

/** One year from now, the docs page's TTL advice. */
export function oneYearFrom(now: Date): Date {
  const date = new Date(now);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date;
}

/**
 * A typed expiry date (YYYY-MM-DD, the end of that day in UTC), or a sentence saying what is wrong.
 * It must lie after today and within five years.
 */
export function parseExpiry(input: string, now: Date): { ok: true; date: Date } | { ok: false; reason: string } {
  const text = input.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return { ok: false, reason: 'Type a date as YYYY-MM-DD, e.g. 2027-06-30.' };
  const [year, month, date0] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, date0, 23, 59, 59));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== date0) return { ok: false, reason: `${text} is not a date.` };
  if (text <= day(now)) return { ok: false, reason: 'The expiry must be after today.' };
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + 5);
  if (date.getTime() > limit.getTime()) return { ok: false, reason: 'Choose a date within five years (or no expiry).' };
  return { ok: true, date };
}

/** `2027-11-27` */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `--expires`: undefined when not given, null for `never`, else the date (a refused one is a usage error). */
export function expiryFromFlag(flag: string | undefined, now: Date): Date | null | undefined {
  if (flag === undefined) return undefined;
  if (flag === 'never') return null;
  const parsed = parseExpiry(flag, now);
  if (!parsed.ok) throw new UsageError(`--expires: ${parsed.reason}`);
  return parsed.date;
}
