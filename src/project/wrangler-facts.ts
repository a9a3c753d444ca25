import { isAccountId } from '../token/shape.js';
import { routeHost, scanWranglerConfigs, type WranglerScan, type WranglerTarget } from './wrangler-config.js';

/** An account a wrangler configuration deploys to, with the first place that names it. */
export interface NamedAccount {
  id: string;
  /** `api/wrangler.toml`, or `api/wrangler.toml [env.production]`. */
  from: string;
}

/** A zone wrangler creates routes in: by id (zone_id), or by name (zone_name, or the pattern's host). */
export interface RouteZone {
  zoneId: string | null;
  /** The zone's name or a host inside it: the zone is the nearest parent that is one. */
  host: string | null;
  /** A route that lives there, as written, and its file: for the lines. */
  pattern: string;
  from: string;
}

/** What the project's wrangler configurations declare, for the checks and the permission table. */
export interface WranglerFacts {
  files: string[];
  accounts: NamedAccount[];
  /** Zones of the route patterns (custom domains excluded: Cloudflare attaches those itself). */
  routeZones: RouteZone[];
  /** Files (and sections) with `workers_dev = false`. */
  workersDevOff: string[];
  /** Sections that set no account_id: they deploy where the environment says. */
  withoutAccount: string[];
}

const where = (path: string, t: WranglerTarget) => (t.env === null ? path : `${path} [env.${t.env}]`);

export function wranglerFacts(scan: WranglerScan): WranglerFacts {
  const facts: WranglerFacts = { files: scan.files.map((f) => f.path), accounts: [], routeZones: [], workersDevOff: [], withoutAccount: [] };
  const zoneKeys = new Set<string>();
  for (const file of scan.files) {
    for (const t of file.targets) {
      const from = where(file.path, t);
      if (t.accountId === null) facts.withoutAccount.push(from);
      else if (!facts.accounts.some((a) => a.id === t.accountId)) facts.accounts.push({ id: t.accountId, from });
      if (t.workersDev === false) facts.workersDevOff.push(from);
      for (const route of t.routes) {
        if (route.customDomain) continue;
        const zoneId = route.zoneId !== null && /^[0-9a-f]{32}$/.test(route.zoneId) ? route.zoneId : null;
        const host = zoneId ? null : (route.zoneName ?? routeHost(route.pattern));
        if (!zoneId && !host) continue;
        const key = zoneId ?? `name:${host}`;
        if (zoneKeys.has(key)) continue;
        zoneKeys.add(key);
        facts.routeZones.push({ zoneId, host, pattern: route.pattern, from: file.path });
      }
    }
  }
  return facts;
}

/** Whether the wrangler files declare anything that changes the rows: route patterns, or workers.dev off. */
export interface Declared {
  routePatterns: boolean;
  workersDevOff: boolean;
}

export function declaredBy(facts: WranglerFacts | null): Declared {
  return { routePatterns: (facts?.routeZones.length ?? 0) > 0, workersDevOff: (facts?.workersDevOff.length ?? 0) > 0 };
}

export type AccountVariable = 'CLOUDFLARE_ACCOUNT_ID' | 'CF_ACCOUNT_ID';

/**
 * The lines for an account_id, CLOUDFLARE_ACCOUNT_ID and CF_ACCOUNT_ID that disagree, each naming the one
 * wrangler uses: a file's account_id, then CLOUDFLARE_ACCOUNT_ID, then CF_ACCOUNT_ID (wrangler's
 * `getActiveAccountId` in packages/wrangler/src/user/user.ts, and `getCloudflareAccountIdFromEnv` in
 * packages/wrangler/src/user/auth-variables.ts, which reads CF_ACCOUNT_ID only as the deprecated name).
 * A variable's value that is not an account id is never printed.
 */
export function accountDisagreements(facts: WranglerFacts | null, vars: Partial<Record<AccountVariable, string>>): { message: string; fix: string }[] {
  const shown = (name: AccountVariable) => {
    const v = vars[name];
    return v === undefined ? null : `${name} is ${isAccountId(v) ? v : 'not an account id'}`;
  };
  const set = (['CLOUDFLARE_ACCOUNT_ID', 'CF_ACCOUNT_ID'] as const).filter((n) => vars[n] !== undefined);
  const lines: { message: string; fix: string }[] = [];
  for (const file of facts ? facts.accounts : []) {
    const differing = set.filter((n) => vars[n] !== file.id);
    if (differing.length === 0) continue;
    const others = set.map(shown).join(' and ');
    lines.push({
      message: `⚠ ${file.from} sets account_id ${file.id}, but ${others}: wrangler deploys it to ${file.id} (the file's account_id comes first)`,
      fix: `To deploy it elsewhere, change account_id in ${file.from.split(' ')[0]}: the environment does not override it.`,
    });
  }
  const cloudflare = vars.CLOUDFLARE_ACCOUNT_ID;
  const cf = vars.CF_ACCOUNT_ID;
  const envMatters = facts === null || facts.files.length === 0 || facts.withoutAccount.length > 0;
  if (envMatters && cloudflare !== undefined && cf !== undefined && cloudflare !== cf) {
    lines.push({
      message: `⚠ ${shown('CLOUDFLARE_ACCOUNT_ID')}, but ${shown('CF_ACCOUNT_ID')}: wrangler uses CLOUDFLARE_ACCOUNT_ID`,
      fix: 'Set both to the same account, or remove CF_ACCOUNT_ID: wrangler reads it only when CLOUDFLARE_ACCOUNT_ID is not set.',
    });
  }
  return lines;
}

/** Sentences saying what the wrangler configurations changed about the rows (shown by doctor and the wizard). */
export function declaredNotes(facts: WranglerFacts | null): string[] {
  if (!facts) return [];
  const notes: string[] = [];
  const withRoutes = [...new Set(facts.routeZones.map((z) => z.from))];
  if (withRoutes.length > 0) {
    notes.push(`${withRoutes.join(', ')} declare${withRoutes.length === 1 ? 's' : ''} route patterns: wrangler creates them, so Workers Routes: Edit is required for their zones.`);
  }
  if (facts.workersDevOff.length > 0 && withRoutes.length === 0) {
    notes.push(`${facts.workersDevOff.join(', ')} set${facts.workersDevOff.length === 1 ? 's' : ''} workers_dev = false: wrangler then lists the zone's Workers routes, so Workers Routes: Read is recommended.`);
  }
  return notes;
}

/** The wrangler configurations of the project folder, as facts and warning lines. Reads nothing when there are none. */
export async function loadWrangler(cwd: string): Promise<{ facts: WranglerFacts; warnings: string[] }> {
  const scan = await scanWranglerConfigs(cwd);
  return { facts: wranglerFacts(scan), warnings: scan.warnings };
}
