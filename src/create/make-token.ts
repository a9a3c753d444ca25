import { checkToken, type CheckSettings } from '../checks/check-token.js';
import { findZone } from '../checks/find-zone.js';
import type { Report } from '../checks/run-checks.js';
import { settle } from '../checks/settle.js';
import type { Target } from '../target.js';
import { hasErrorCode } from '../cloudflare/envelope.js';
import { listAll } from '../cloudflare/list-all.js';
import { createToken, listPermissionGroups, listTokens, updateToken, type CfApiToken } from '../cloudflare/tokens-api.js';
import { readAccount, readTokenVerify } from '../cloudflare/shapes.js';
import type { CfAccount } from '../cloudflare/types.js';
import { ExitCode, MastrakitError, UnreachableError } from '../errors.js';
import type { PermissionRow } from '../permissions/rows.js';
import { create, describeRefusal } from './messages.js';
import { matchGroups, policiesFor, tokenBody, type RowGroup } from './policies.js';
import type { CreatedToken, PendingToken } from './rollback.js';
import { clientsFor, type ApiPlace } from './session.js';

/** A refusal `setup --create` words itself: one sentence, exit 1 unless said otherwise. */
export class CreateRefusal extends MastrakitError {
  constructor(message: string, exitCode: ExitCode = ExitCode.tokenFails) {
    super(message, exitCode);
  }
}

/** What the bootstrap token told us before anything is created. */
export interface Preflight {
  bootstrapId: string;
  groups: RowGroup[];
  /** Every token of the user, for a free name and the offer to delete an older one. */
  tokens: CfApiToken[];
  /** The accounts the bootstrap token reaches; empty for a template-made one (API Tokens Write only). */
  accounts: CfAccount[];
}

/**
 * Round 1 with the bootstrap token, all at once: verify it, read the permission groups (which needs API
 * Tokens Read or Write), list the user's tokens and the accounts it reaches. Reads only.
 */
export async function preflight(place: ApiPlace, bootstrap: string, rows: readonly PermissionRow[], signal?: AbortSignal): Promise<Preflight> {
  const { read } = clientsFor(place, bootstrap, signal);
  const verifying = settle(read.request('GET', '/user/tokens/verify', undefined, readTokenVerify));
  const grouping = settle(listPermissionGroups(read));
  const listing = settle(listTokens(read));
  const accounting = settle(listAll(read, '/accounts', readAccount));
  const verified = await verifying;
  if (!verified.ok) throw verified.error;
  const v = verified.value;
  if (!v.success || !v.result) throw new CreateRefusal(create.bootstrapInvalid);
  if (v.result.status !== 'active') throw new CreateRefusal(create.bootstrapInactive(v.result.status));

  const groups = await grouping;
  if (!groups.ok) throw groups.error;
  const g = groups.value;
  if (!g.success) {
    if (g.status === 403 || g.status === 401 || hasErrorCode(g, 9109, 10000)) throw new CreateRefusal(create.noTokensRight);
    throw new CreateRefusal(create.groupsUnreadable(describeRefusal(g)));
  }
  const matched = matchGroups(rows, Array.isArray(g.result) ? g.result : []);
  if (!matched.ok) throw new CreateRefusal(create.groupsMissing(matched.missing));

  const tokens = await listing;
  if (!tokens.ok) {
    if (tokens.error instanceof MastrakitError) throw tokens.error;
    throw new CreateRefusal(create.noTokensRight);
  }
  const accounts = await accounting;
  return { bootstrapId: v.result.id, groups: matched.groups, tokens: tokens.value, accounts: accounts.ok ? accounts.value.items : [] };
}

export interface CreatePlan {
  name: string;
  groups: RowGroup[];
  accountId: string;
  /** null: *.workers.dev (no zone policy at all). */
  domain: string | null;
  expiresOn: Date | null;
}

/** Waits between tries while Cloudflare propagates a new token: about 7.5 s in all. */
const PROPAGATION_WAITS_MS = [500, 1000, 2000, 4000];

/**
 * The acting half: `POST /user/tokens` with the account's zones (a template-made bootstrap token cannot
 * list zones), the zone looked up with the new token, then `PUT` narrowing its zone policy to that one
 * zone. `pending` learns of the token the moment the POST is sent. Throws after creating it; the caller
 * rolls back.
 */
export async function createAndNarrow(
  place: ApiPlace,
  bootstrap: string,
  plan: CreatePlan,
  pending: PendingToken,
  signal?: AbortSignal,
): Promise<{ token: CreatedToken; zone: { id: string; name: string } | null }> {
  const boot = clientsFor(place, bootstrap, signal);
  // The POST is never aborted: cut off halfway, it may still create the token, and nobody would know its id.
  const unabortable = clientsFor(place, bootstrap);
  const body = (zone: Parameters<typeof policiesFor>[2]) => tokenBody(plan.name, policiesFor(plan.groups, plan.accountId, zone), plan.expiresOn);
  const creating = createToken(unabortable.write, body(plan.domain === null ? { kind: 'none' } : { kind: 'account-zones' })).then((answer): CreatedToken => {
    const r = answer.result;
    if (answer.success && r && typeof r.value === 'string' && typeof r.id === 'string') return { id: r.id, name: plan.name, value: r.value };
    if (answer.status === 403 || answer.status === 401) throw new CreateRefusal(create.createRefused(describeRefusal(answer)));
    throw new CreateRefusal(create.createRejected(describeRefusal(answer)));
  });
  pending.track(creating);
  let token: CreatedToken;
  try {
    token = await creating;
  } catch (error) {
    if (error instanceof UnreachableError) throw new UnreachableError(create.createUnanswered(error.message, plan.name));
    throw error;
  }

  await waitUntilAccepted(place, token.value, signal);
  if (plan.domain === null) return { token, zone: null };
  const lookup = await findZone(clientsFor(place, token.value, signal).read, plan.domain);
  if (!lookup.found) throw new CreateRefusal(create.zoneNotFound(plan.domain, `account ${plan.accountId}`));
  const narrowed = await updateToken(boot.write, token.id, body({ kind: 'zone', zoneId: lookup.zone.id }));
  if (!narrowed.success) throw new CreateRefusal(create.narrowFailed(describeRefusal(narrowed)));
  return { token, zone: { id: lookup.zone.id, name: lookup.zone.name } };
}

async function waitUntilAccepted(place: ApiPlace, value: string, signal?: AbortSignal): Promise<void> {
  const { read } = clientsFor(place, value, signal);
  for (let attempt = 0; ; attempt++) {
    const answer = await read.request('GET', '/user/tokens/verify', undefined, readTokenVerify);
    if (answer.success && answer.result?.status === 'active') return;
    const wait = PROPAGATION_WAITS_MS[attempt];
    if (wait === undefined) throw new UnreachableError(create.notPropagated);
    await place.sleep(wait);
  }
}

/** The same engine as doctor, asked again after a short wait if Cloudflare still calls the new token invalid. */
export async function checkCreated(
  settings: CheckSettings,
  value: string,
  options: { accountId: string; target: Target; signal?: AbortSignal },
): Promise<Report> {
  for (let attempt = 0; ; attempt++) {
    const report = await checkToken(settings, value, options);
    const refused = report.token === null && report.checks[0]?.id === 'token' && report.checks[0].status === 'fail';
    const wait = PROPAGATION_WAITS_MS[attempt];
    if (!refused || wait === undefined || attempt >= 2) return report;
    await settings.sleep(wait);
  }
}
