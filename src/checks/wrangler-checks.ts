import { readAccount } from '../cloudflare/shapes.js';
import type { CloudflareClient } from '../cloudflare/types.js';
import { PERMISSION_ROWS } from '../permissions/rows.js';
import { WORKERS_ROUTES_EDIT } from '../permissions/wrangler-rows.js';
import type { NamedAccount, RouteZone } from '../project/wrangler-facts.js';
import { findZone } from './find-zone.js';
import { wranglerText } from './messages.js';
import type { Probe } from '../permissions/probe.js';
import { readProbe } from './probes.js';
import { reason, settle } from './settle.js';
import type { Check } from './types.js';

const SCRIPTS = PERMISSION_ROWS.find((r) => r.id === 'workers-scripts-edit') ?? PERMISSION_ROWS[0]!;

interface WranglerCheckInput {
  /** Accounts the wrangler files name besides the one the main checks cover. */
  accounts: NamedAccount[];
  routeZones: RouteZone[];
}

/**
 * The checks the project's wrangler configurations add: for every other account they name, access and
 * Workers Scripts: Edit there (what `wrangler deploy` needs of every service); for every zone their route
 * patterns live in, Workers Routes: Edit, proven by a DELETE of a route id that cannot exist. Sent in the
 * same two rounds as the main checks (account requests and zone lookups at once, then the route probes),
 * and read only once the token is known to be valid (10000 also means "bad token").
 */
export async function wranglerChecks(client: CloudflareClient, input: WranglerCheckInput): Promise<Check[]> {
  const [accounts, routes] = await Promise.all([
    Promise.all(input.accounts.map((a) => accountCheck(client, a))),
    Promise.all(input.routeZones.map((z) => routeCheck(client, z))),
  ]);
  return [...accounts, ...routes];
}

async function accountCheck(client: CloudflareClient, account: NamedAccount): Promise<Check> {
  const base = { id: 'wrangler-account', title: `Account of ${account.from}`, key: null, required: true } as const;
  const probe = SCRIPTS.probe(account.id);
  const [access, scripts] = await Promise.all([
    settle(client.request('GET', `/accounts/${encodeURIComponent(account.id)}`, undefined, readAccount)),
    settle(client.request(probe.method, probe.path, probe.query)),
  ]);
  if (!access.ok) return { ...base, status: 'error', message: wranglerText.couldNotCheckAccount(account.id, account.from, reason(access.error)), fix: null };
  if (!access.value.success) {
    return {
      ...base,
      status: 'fail',
      message: `❌ token does not have access to account ${account.id}`,
      fix: wranglerText.noAccountAccessFix(account.from),
    };
  }
  if (!scripts.ok) return { ...base, status: 'error', message: wranglerText.couldNotCheckAccount(account.id, account.from, reason(scripts.error)), fix: null };
  const verdict = readProbe(probe, scripts.value);
  if (verdict.held === 'unknown') return { ...base, status: 'error', message: wranglerText.couldNotCheckAccount(account.id, account.from, verdict.detail), fix: null };
  if (!verdict.held) {
    return { ...base, key: SCRIPTS.key, status: 'fail', message: wranglerText.scriptsMissing(SCRIPTS.key, account.id, account.from), fix: SCRIPTS.fix };
  }
  const name = access.value.result?.name ?? null;
  return { ...base, status: 'pass', message: wranglerText.accountHeld(account.id, name, account.from), fix: null };
}

async function routeCheck(client: CloudflareClient, z: RouteZone): Promise<Check> {
  const row = WORKERS_ROUTES_EDIT;
  const base = { id: row.id, title: `${row.resource}: ${row.action}`, key: row.key, required: true } as const;
  const where = `route ${z.pattern} in ${z.from}`;
  let zoneId = z.zoneId;
  let zoneName = z.zoneId ?? '';
  if (zoneId === null) {
    const lookup = await settle(findZone(client, z.host ?? ''));
    if (!lookup.ok) return { ...base, status: 'error', message: wranglerText.couldNotCheckRoutes(where, reason(lookup.error)), fix: null };
    const found = lookup.value;
    if (!found.found) {
      if (found.why === 'unknown') return { ...base, status: 'error', message: wranglerText.couldNotCheckRoutes(where, found.detail), fix: null };
      return { ...base, key: null, status: 'fail', message: wranglerText.routeZoneNotFound(z.pattern, z.from), fix: wranglerText.routeZoneNotFoundFix };
    }
    zoneId = found.zone.id;
    zoneName = found.zone.name;
  }
  const probe: Probe = row.probe(zoneId);
  const answer = await settle(client.request(probe.method, probe.path));
  if (!answer.ok) return { ...base, status: 'error', message: wranglerText.couldNotCheckRoutes(where, reason(answer.error)), fix: null };
  const verdict = readProbe(probe, answer.value);
  if (verdict.held === 'unknown') return { ...base, status: 'error', message: wranglerText.couldNotCheckRoutes(where, verdict.detail), fix: null };
  if (!verdict.held) return { ...base, status: 'fail', message: wranglerText.routesMissing(row.key, zoneName), fix: wranglerText.routesFix(z.from) };
  return { ...base, status: 'pass', message: wranglerText.routesHeld(zoneName), fix: null };
}
