import type { CfAccount, CfAnswer, CfZone, CloudflareClient } from '../cloudflare/types.js';
import { describeFailedAnswer, hasErrorCode } from '../cloudflare/envelope.js';
import { CfListError, firstPage, listAll, type Listed } from '../cloudflare/list-all.js';
import { listOf, readAccount, readZone } from '../cloudflare/shapes.js';
import { PERMISSION_ROWS, isRequired, neededForDeploy, type PermissionRow } from '../permissions/rows.js';
import type { TokenFormat } from '../token/shape.js';
import { findZone, type ZoneLookup } from './find-zone.js';
import { ipRefusal, watchIpRefusals } from './ip-refusal.js';
import { FAIL, text, WARN, wranglerText } from './messages.js';
import { hostNames, labelsBelow } from '../project/hostname.js';
import type { Probe } from '../permissions/probe.js';
import { readProbe } from './probes.js';
import { reason, settle, type Settled } from './settle.js';
import type { Target } from '../target.js';
import type { Check } from './types.js';
import { isInvalidToken, needsAccountRetry, verifyVerdict, verifyAsAccountToken, verifyToken, type TokenInfo } from './verify-token.js';

interface CheckInput {
  format: TokenFormat;
  /** From --account-id, the environment or .env.dev-secrets; null to use the only account the token reaches. */
  accountId: string | null;
  target: Target;
  now: Date;
  /** Every account the project names (wrangler configurations included): a token reaching exactly these is not "All accounts". */
  namedAccounts?: readonly string[];
}

interface AccountInfo {
  id: string;
  name: string | null;
  access: boolean;
  /** True when no id was given and this was the only account the token reaches. */
  picked: boolean;
  /** Where the id came from (`CLOUDFLARE_ACCOUNT_ID`, `--account-id`, `api/wrangler.toml`), for the closing advice; unset: CF_ACCOUNT_ID. */
  from?: string;
}

export interface Report {
  target: Target;
  token: TokenInfo | null;
  account: AccountInfo | null;
  /** Set when no account id was given and the token reaches several: someone must choose. */
  accountChoices: Listed<CfAccount> | null;
  /**
   * Set when an account-owned (`cfat_`) token came with no account id and Cloudflare would not list its
   * accounts: it can only be checked at its account, which someone must name.
   */
  accountNeeded?: boolean;
  /** The zone the domain lives in, when it was found. */
  zone: { id: string; name: string; accountId: string | null; accountName: string | null } | null;
  checks: Check[];
  /** Keys of the failed permission checks. */
  missing: string[];
}

/**
 * Checks a token against a target. Two dependent rounds of requests, each sent at once: round 1 verifies
 * the token, lists its accounts, finds the zone and (with an account id known) probes the account rows;
 * round 2 probes the zone rows, and the account rows when the account was learned in round 1. Only when a
 * probe said "missing", one more round asks those probes again, together, before a row is called missing.
 * An IP refusal met by any request decides the verdict on its own.
 * Throws UnreachableError only when the token itself could not be verified; any later request that
 * cannot be answered becomes a check with status `error`.
 */
export async function runChecks(cloudflare: CloudflareClient, input: CheckInput): Promise<Report> {
  const watch = watchIpRefusals(cloudflare);
  const client = watch.client;
  const { target } = input;
  const accountRows = PERMISSION_ROWS.filter((row) => row.type === 'Account' && neededForDeploy(row, target));
  // The rows to report; the zone rows are settled once the real zone is known (its apex decides SSL).
  let rows = PERMISSION_ROWS.filter((row) => neededForDeploy(row, target));
  const given = input.accountId;

  // Round 1. Everything but verify is settled, so that a verify failure leaves nothing unhandled.
  const verifying = settle(verifyToken(client, input.format, given ? [given] : []));
  // With the account known, one page and its total_count say all the verdict needs: paging stays off the
  // critical path whatever the token reaches. Without it, the whole list (its pages at once) is the choice.
  const accounts = settle(given ? firstPage(client, '/accounts', readAccount) : listAll(client, '/accounts', readAccount));
  const accountAnswer = given ? settle(askAgainIfDenied(() => client.request('GET', `/accounts/${encodeURIComponent(given)}`, undefined, readAccount))) : null;
  const earlyProbes = given ? probeRows(client, accountRows, given) : null;
  const zone = target.domain ? settle(findZone(client, target.domain)) : null;
  // Each zone's probes start the moment its lookup answers, not when the slowest of round 1 does.
  const zoneStage = zone?.then((lookup) => zoneStageFor(client, target, lookup, given));
  // How many zones the token reaches, from one short page's total_count (docs/cloudflare-api.md, "Envelope").
  const zoneCount = target.domain ? settle(client.request('GET', '/zones', { per_page: 5 }, listOf(readZone, 5))) : null;

  let verified = unwrap(await verifying);
  const accountList = await accounts;
  // An account-owned token refused at the account given (or with none given) is tried at the accounts
  // it reaches: valid there, it is "no access to account <id>", not "invalid token".
  const listed = accountList.ok ? accountList.value.items : [];
  const others = listed.map((a) => a.id).filter((id) => id !== given);
  let speculative: { id: string; probes: Promise<RowResult[]> } | null = null;
  if (needsAccountRetry(verified) && others.length > 0) {
    // The account's probes go out with its verify, in the same round: they change nothing, and are read
    // only if that verify says the token is valid there.
    const only = !given && listed.length === 1 ? listed[0]?.id : undefined;
    if (only) speculative = { id: only, probes: probeRows(client, accountRows, only) };
    verified = (await verifyAsAccountToken(client, others)) ?? verified;
  }
  if (!given && input.format === 'account-2026' && isInvalidToken(verified.answer) && !accountList.ok && accountList.error instanceof CfListError) {
    // Refused at the user endpoint (every account-owned token is), and /accounts refuses account-owned
    // tokens (docs/cloudflare-api.md, "Account-owned tokens"): not "invalid", but "which account?".
    return {
      target, token: null, account: null, accountChoices: null, accountNeeded: true, zone: null, missing: [],
      checks: [{ id: 'account', title: 'Account access', key: null, required: true, status: 'error', message: text.accountNeeded, fix: null }],
    };
  }
  const token = verifyVerdict(verified, input.now);
  const report: Report = { target, token: token.info, account: null, accountChoices: null, zone: null, checks: [token.check], missing: [] };
  if (!token.valid) return finish(report);
  const blocked = () => {
    const ip = watch.refusal();
    return ip === null ? null : ipBlocked(report, rows, target, ip);
  };
  if (blocked()) return finish(report);

  // Which account: the one given, or the only one the token reaches.
  let accountId = given;
  // An account-owned token belongs to one account; a refused list says nothing more about it.
  const listRefusedForAccountToken = token.info?.kind === 'account' && !accountList.ok && accountList.error instanceof CfListError;
  if (!accountList.ok && !listRefusedForAccountToken) {
    report.checks.push(couldNotAsk('accounts', 'Accounts the token reaches', false, accountList.error));
  }
  if (!accountId) {
    if (!accountList.ok) {
      report.checks.push(couldNotAsk('account', 'Account access', true, accountList.error));
      return finish(report);
    }
    report.checks.push(accountCountCheck(accountList.value, input.namedAccounts));
    const [only, ...more] = accountList.value.items;
    if (!only) {
      report.checks.push({ id: 'account', title: 'Account access', key: null, required: true, status: 'fail', message: text.noAccounts, fix: text.noAccountsFix });
      return finish(report);
    }
    if (more.length > 0 || accountList.value.total > 1) {
      report.accountChoices = accountList.value;
      report.checks.push({ id: 'account', title: 'Account access', key: null, required: true, status: 'error', message: text.chooseAccount(accountList.value.total), fix: null });
      return finish(report);
    }
    accountId = only.id;
    report.account = { id: only.id, name: only.name, access: true, picked: true };
    report.checks.push({ id: 'account', title: 'Account access', key: null, required: true, status: 'pass', message: text.onlyAccount(only.id, only.name), fix: null });
  } else if (accountAnswer) {
    const access = await accountAnswer;
    const check = accountAccessCheck(accountId, access, report);
    // With no access, the accounts line names the accounts the token does reach: the likely fix.
    if (accountList.ok) report.checks.push(report.account?.access === false ? reachedCheck(accountId, accountList.value.items) : accountCountCheck(accountList.value, input.namedAccounts));
    report.checks.push(check);
  }
  const id = accountId;
  const hasAccess = report.account?.access ?? false;
  // Why the rows behind the account were not asked: it is out of reach, or it could not be checked.
  const notReached = report.account === null ? `account ${id} could not be checked` : `no access to account ${id}`;

  // Round 2 (its requests mostly already under way).
  const accountProbes = hasAccess
    ? (earlyProbes ?? (speculative?.id === id ? speculative.probes : null) ?? probeRows(client, accountRows, id))
    : Promise.resolve(accountRows.map((row): RowResult => ({ row, outcome: { skip: notReached } })));
  let stage = zoneStage ? await zoneStage : null;
  // The zone was chosen for the account given; an account learned since may own another zone of that name.
  if (stage && chooseZone(stage.lookup, id)?.id !== stage.found?.id) stage = zoneStageFor(client, target, stage.lookup, id);
  const found = stage?.found ?? null;
  if (found) report.zone = { id: found.id, name: found.name, accountId: found.account?.id ?? null, accountName: found.account?.name ?? null };
  const zoneRows = stage?.rows ?? [];
  rows = [...accountRows, ...zoneRows];
  const zoneProbes = !stage
    ? Promise.resolve([])
    : !hasAccess && !found
      ? Promise.resolve(zoneRows.map((row): RowResult => ({ row, outcome: { skip: notReached } })))
      : stage.probes;
  const [accountOutcomes, zoneOutcomes] = await Promise.all([accountProbes, zoneProbes]);
  if (blocked()) return finish(report);
  const outcomeList = await confirmMissing(client, [...accountOutcomes, ...zoneOutcomes]);
  if (blocked()) return finish(report);

  const counted = zoneCount ? await zoneCount : null;
  if (counted?.ok && counted.value.success) {
    const total = counted.value.resultInfo?.total_count;
    if (total !== undefined && total > 1) {
      report.checks.push({ id: 'zones', title: 'Token is scoped to one zone', key: null, required: false, status: 'warn', message: text.manyZones(total), fix: text.manyZonesFix(found?.name ?? target.domain ?? '') });
    }
  }
  if (found && hasAccess) {
    const owner = found.account?.id;
    if (owner && owner !== id) report.checks.push(zoneAccountCheck(found, report, accountList.ok ? accountList.value.items : []));
  }
  const outcomes = new Map<string, RowResult>(outcomeList.map((o) => [o.row.id, o]));
  for (const row of rows) {
    const o = outcomes.get(row.id);
    if (o) report.checks.push(rowCheck(row, target, o.outcome, o.fix ?? sslFix(row, target, found?.name ?? null)));
  }
  return finish(report);
}

interface ZoneStage {
  lookup: Settled<ZoneLookup>;
  found: CfZone | null;
  rows: PermissionRow[];
  /** Under way as soon as the lookup answered; read only once the token is known to be valid. */
  probes: Promise<RowResult[]>;
}

/** The zone rows and their probes, from the zone lookup alone: they need not wait for the rest of round 1. */
function zoneStageFor(client: CloudflareClient, target: Target, lookup: Settled<ZoneLookup>, accountId: string | null): ZoneStage {
  const found = chooseZone(lookup, accountId);
  // Which zone rows apply follows the real zone: a host two labels below its apex needs SSL and Certificates.
  const rows = PERMISSION_ROWS.filter((row) => row.type === 'Zone' && neededForDeploy(row, { ...target, zoneApex: found?.name ?? null }));
  return { lookup, found, rows, probes: probeZoneRows(client, rows, lookup, found, target.domain ?? '') };
}

/** The zone the deploy uses: of the zones with that name, the one in the deploy's account if there is one. */
function chooseZone(lookup: Settled<ZoneLookup>, accountId: string | null): CfZone | null {
  if (!lookup.ok || !lookup.value.found) return null;
  return lookup.value.zones.find((z) => z.account?.id === accountId) ?? lookup.value.zone;
}

/**
 * The SSL row's fix when the docs page's ("Only needed if … nested") is not the whole truth: a flat host
 * on a subdomain, or nested on a subdomain, is beyond Universal SSL because of where it sits in its zone.
 */
function sslFix(row: PermissionRow, target: Target, apex: string | null): string | undefined {
  if (row.id !== 'ssl-edit' || !target.domain || !apex) return undefined;
  if (target.domainStyle === 'nested' && target.domain === apex) return undefined;
  const host = hostNames(target.slug, target.domain)[target.domainStyle];
  return text.deepHostFix(host, apex, labelsBelow(host, apex));
}

type RowOutcome = { held: boolean; zone?: string } | { error: string } | { skip: string };
interface RowResult {
  row: PermissionRow;
  outcome: RowOutcome;
  fix?: string;
  /** The request that decided the outcome, to ask again when it said "missing". */
  probe?: Probe;
}

/** Each row's own probe, at the id of its scope (an account's for Account rows, a zone's for Zone rows), all at once. */
async function probeRows(client: CloudflareClient, rows: PermissionRow[], scopeId: string): Promise<RowResult[]> {
  return Promise.all(
    rows.map(async (row): Promise<RowResult> => {
      const probe = row.probe(scopeId);
      return { row, outcome: await ask(client, probe), probe };
    }),
  );
}

async function ask(client: CloudflareClient, probe: Probe): Promise<RowOutcome> {
  const answer = await settle(client.request(probe.method, probe.path, probe.query));
  if (!answer.ok) return { error: reason(answer.error) };
  const verdict = readProbe(probe, answer.value);
  return verdict.held === 'unknown' ? { error: verdict.detail } : { held: verdict.held };
}

/**
 * Valid tokens are reported to be refused now and then (10000 / 401) on parallel requests
 * (cloudflare/workers-sdk#13854, #10364; docs/cloudflare-api.md, "Transient refusals"). So every probe
 * that said "missing" is asked once more, all of them together after every other answer came, and the
 * second answer decides. One extra round, and only when something looked missing. The HTTP client
 * itself never retries a 401 or 403: this is a judgement about the verdict, made here.
 */
async function confirmMissing(client: CloudflareClient, results: RowResult[]): Promise<RowResult[]> {
  return Promise.all(
    results.map(async (r): Promise<RowResult> => {
      if (!r.probe || !('held' in r.outcome) || r.outcome.held) return r;
      const outcome = await ask(client, r.probe);
      const zone = r.outcome.zone;
      return { ...r, outcome: 'held' in outcome && zone ? { ...outcome, zone } : outcome };
    }),
  );
}

/**
 * The account's own answer decides "no access" and with it every account row, so a refusal there
 * (10000 / 9109, not the IP filter) is asked once more before it counts, like a probe's "missing"
 * (docs/cloudflare-api.md, "Transient refusals"). Only a refused account pays for the second ask.
 */
async function askAgainIfDenied<T>(ask: () => Promise<CfAnswer<T>>): Promise<CfAnswer<T>> {
  const first = await ask();
  const denied = !first.success && ipRefusal(first) === null && hasErrorCode(first, 10000, 9109);
  return denied ? ask() : first;
}

/**
 * The token's IP filter excludes this machine (some request answered 9109 naming the address): one line
 * says so, and every row is "not checked", since nothing else this machine asks can be answered.
 */
function ipBlocked(report: Report, rows: PermissionRow[], target: Target, ip: string): Report {
  const [tokenLine] = report.checks;
  const ipLine: Check = { id: 'client-ip', title: 'Token usable from this address', key: null, required: true, status: 'fail', message: text.ipRestricted(ip), fix: text.ipRestrictedFix };
  report.account = null;
  report.accountChoices = null;
  report.checks = [
    ...(tokenLine ? [tokenLine] : []),
    ipLine,
    ...rows.map((row) => rowCheck(row, target, { skip: text.ipRestrictedWhy })),
  ];
  return report;
}

async function probeZoneRows(
  client: CloudflareClient,
  rows: PermissionRow[],
  lookup: Settled<ZoneLookup>,
  zone: CfZone | null,
  domain: string,
): Promise<RowResult[]> {
  if (!lookup.ok) {
    return rows.map((row) =>
      row.id === 'zone-read' ? { row, outcome: { error: reason(lookup.error) } } : { row, outcome: { skip: 'the zone lookup failed' } },
    );
  }
  const z = lookup.value;
  if (!z.found) {
    const hidden = { skip: 'needs Zone: Read to find the zone' };
    return rows.map((row): RowResult => {
      if (row.id !== 'zone-read') return { row, outcome: hidden };
      if (z.why === 'unknown') return { row, outcome: { error: z.detail } };
      return { row, outcome: { held: false }, fix: z.why === 'not-found' ? text.zoneNotFoundFix(row, domain) : undefined };
    });
  }
  const found = zone ?? z.zone;
  const results = await probeRows(client, rows, found.id);
  return results.map((r) =>
    // The zone's name goes with the Zone: Read outcome, for its ✔ line (also after a second asking).
    r.row.id === 'zone-read' && 'held' in r.outcome ? { ...r, outcome: { ...r.outcome, zone: found.name } } : r,
  );
}

function rowCheck(row: PermissionRow, target: Target, outcome: RowOutcome, fix?: string): Check {
  const required = isRequired(row, target);
  const base = { id: row.id, title: `${row.resource}: ${row.action}`, key: row.key, required };
  if ('skip' in outcome) return { ...base, status: 'skip', message: text.notChecked(row, outcome.skip), fix: null };
  if ('error' in outcome) return { ...base, status: 'error', message: text.couldNotCheck(row, outcome.error), fix: null };
  if (outcome.held) {
    return { ...base, status: 'pass', message: outcome.zone ? text.zoneFound(row, outcome.zone) : text.held(row), fix: null };
  }
  if (row.recommended) return { ...base, status: 'warn', message: text.notRequired(row, 'recommended, not required'), fix: row.fix };
  if (!required) return { ...base, status: 'warn', message: text.notRequired(row, `not required for --for ${target.purpose}`), fix: row.fix };
  return { ...base, status: 'fail', message: text.missingPermission(row), fix: fix ?? row.fix };
}

function accountAccessCheck(id: string, answer: Settled<CfAnswer<CfAccount>>, report: Report): Check {
  const base = { id: 'account', title: 'Account access', key: null, required: true } as const;
  if (!answer.ok) return couldNotAsk('account', 'Account access', true, answer.error);
  const a = answer.value;
  if (a.success) {
    report.account = { id, name: a.result?.name ?? null, access: true, picked: false };
    return { ...base, status: 'pass', message: text.accountAccess(id, a.result?.name ?? null), fix: null };
  }
  // Only a refusal (10000 / 9109) says the account is out of the token's reach; any other answer (a 400
  // from a validating proxy, an entitlement code) is "could not check", never "no access".
  if (!hasErrorCode(a, 10000, 9109)) return couldNotAsk('account', 'Account access', true, new Error(describeFailedAnswer(a)));
  report.account = { id, name: null, access: false, picked: false };
  return { ...base, status: 'fail', message: text.noAccountAccess(id), fix: text.noAccountAccessFix };
}

/** No access to the account given: which accounts the token does reach, by name and id. */
function reachedCheck(given: string, list: CfAccount[]): Check {
  return { id: 'accounts', title: 'Accounts the token reaches', key: null, required: false, status: 'warn', message: text.reachesOthers(given, list), fix: null };
}

/** The zone is in another account the token reaches: a custom domain cannot be attached across accounts. */
function zoneAccountCheck(zone: CfZone, report: Report, list: CfAccount[]): Check {
  const deploy = report.account as AccountInfo;
  const ownerId = zone.account?.id ?? '';
  const ownerName = zone.account?.name || list.find((a) => a.id === ownerId)?.name || null;
  const required = report.target.purpose === 'deploy';
  return {
    id: 'zone-account',
    title: 'Zone is in the account',
    key: null,
    required,
    status: required ? 'fail' : 'warn',
    message: text.zoneInOtherAccount(required ? FAIL : WARN, zone.name, { id: ownerId, name: ownerName }, { id: deploy.id, name: deploy.name }),
    fix: text.zoneInOtherAccountFix(zone.name, { id: ownerId, name: ownerName }, { id: deploy.id, name: deploy.name }),
  };
}

function accountCountCheck(list: Listed<CfAccount>, named: readonly string[] = []): Check {
  const base = { id: 'accounts', title: 'Token is scoped to one account', key: null, required: false } as const;
  if (list.total > 1 && list.total === named.length && list.items.every((a) => named.includes(a.id))) {
    return { ...base, status: 'pass', message: wranglerText.exactlyNamed(list.total), fix: null };
  }
  if (list.total > 1) return { ...base, status: 'warn', message: text.manyAccounts(list.total), fix: text.manyAccountsFix };
  return { ...base, status: 'pass', message: text.oneAccount, fix: null };
}

function couldNotAsk(id: string, title: string, required: boolean, error: unknown): Check {
  return { id, title, key: null, required, status: 'error', message: text.couldNotAsk(title, reason(error)), fix: null };
}

function unwrap<T>(s: Settled<T>): T {
  if (s.ok) return s.value;
  throw s.error;
}

function finish(report: Report): Report {
  report.missing = report.checks.filter((c) => c.status === 'fail' && c.key).map((c) => c.key as string);
  return report;
}

/**
 * The closing advice after a failure: the Account Resources fix when the account is wrong (the rows
 * behind it were not checked, so "add the missing permission" would send the user the wrong way),
 * else the docs page's fix procedure when a permission is missing, else nothing.
 */
export function closingAdvice(report: Report): string | null {
  if (report.account && !report.account.access) return text.accountFixProcedureFor(report.account.from);
  if (report.missing.length > 0) return text.fixProcedure;
  return null;
}

/** 0 when every required check passes (warnings allowed), 1 when one fails (a failure wins), 3 when one could not run. */
export function exitCodeOf(report: Report): 0 | 1 | 3 {
  const required = report.checks.filter((c) => c.required);
  if (required.some((c) => c.status === 'fail')) return 1;
  if (required.some((c) => c.status === 'error' || c.status === 'skip')) return 3;
  return 0;
}
