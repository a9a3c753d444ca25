import type { Fault, PermissionName, RequestRecord, StandInToken, StandInWorld } from './model.js';
import { effectiveStatus, includedAccountIds, isPermissionName, missingPermissions, reachesAccount } from './permissions.js';

export const ADMIN_PREFIX = '/__stand-in';

/** What the admin surface may do: the same controls the in-process API offers, keyed by token id. */
export interface AdminControls {
  world: StandInWorld;
  requests: RequestRecord[];
  writes: RequestRecord[];
  now(): Date;
  grant(tokenId: string, permission: PermissionName, scope?: string): void;
  revoke(tokenId: string, permission: PermissionName): void;
  updateToken(tokenId: string, patch: Partial<Omit<StandInToken, 'value' | 'id'>>): void;
  setLatency(ms: number): void;
  fault(fault: Fault): void;
  clearFaults(): void;
}

interface AdminAnswer {
  status: number;
  json: unknown;
}

/** A token as the admin surface shows it: never its value. */
function tokenSummary(world: StandInWorld, token: StandInToken, now: Date): object {
  const home = token.kind === 'account' ? token.ownerAccountId : world.accounts[0]?.id;
  return {
    id: token.id,
    name: token.name ?? null,
    kind: token.kind ?? 'user',
    status: effectiveStatus(token, now),
    description: token.description ?? null,
    missing: home ? missingPermissions(world, token, home) : [],
    accounts: includedAccountIds(world, token).filter((id) => reachesAccount(world, token, id)),
    accountPermissions: token.accountPermissions,
    zonePermissions: token.zonePermissions,
    zones: token.zones,
    allowedIps: token.allowedIps ?? null,
    ipFilterSparesVerify: token.ipFilterSparesVerify ?? false,
  };
}

const TOKEN_PATCH_KEYS = ['status', 'expiresOn', 'notBefore', 'allowedIps', 'ipFilterSparesVerify', 'accounts', 'zones', 'name', 'description'];

function permissionFrom(query: URLSearchParams): PermissionName | AdminAnswer {
  const permission = query.get('permission') ?? '';
  if (!isPermissionName(permission)) {
    return { status: 400, json: { error: `unknown permission '${permission}' (e.g. dns:edit, zone:read)` } };
  }
  return permission;
}

/** Loopback-only test controls under /__stand-in/: no auth, no envelope, and not in the request log. */
export function handleAdmin(controls: AdminControls, method: string, url: URL, body: string): AdminAnswer {
  const parts = url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean);
  const route = `${method} ${parts.map((p, i) => (parts[0] === 'tokens' && i === 1 ? ':id' : p)).join('/')}`;
  const tokenId = parts[1] ?? '';
  const known = () => controls.world.tokens.some((t) => t.id === tokenId);
  try {
    switch (route) {
      case 'GET tokens':
        return {
          status: 200,
          json: { tokens: controls.world.tokens.map((t) => tokenSummary(controls.world, t, controls.now())) },
        };
      case 'GET requests':
        return { status: 200, json: { requests: controls.requests } };
      case 'GET writes':
        return { status: 200, json: { writes: controls.writes } };
      case 'POST tokens/:id/grant':
      case 'POST tokens/:id/revoke': {
        if (!known()) return { status: 404, json: { error: 'no token with that id' } };
        const permission = permissionFrom(url.searchParams);
        if (typeof permission !== 'string') return permission;
        if (parts[2] === 'grant') controls.grant(tokenId, permission, url.searchParams.get('scope') ?? undefined);
        else controls.revoke(tokenId, permission);
        break;
      }
      case 'PATCH tokens/:id': {
        if (!known()) return { status: 404, json: { error: 'no token with that id' } };
        const patch = JSON.parse(body || '{}') as Record<string, unknown>;
        const unknownKeys = Object.keys(patch).filter((k) => !TOKEN_PATCH_KEYS.includes(k));
        if (unknownKeys.length > 0) return { status: 400, json: { error: `cannot patch ${unknownKeys.join(', ')}` } };
        controls.updateToken(tokenId, patch);
        break;
      }
      case 'POST latency':
        controls.setLatency(Number(url.searchParams.get('ms') ?? 0));
        return { status: 200, json: { ok: true } };
      case 'POST faults':
        controls.fault(JSON.parse(body) as Fault);
        return { status: 200, json: { ok: true } };
      case 'DELETE faults':
        controls.clearFaults();
        return { status: 200, json: { ok: true } };
      default:
        return { status: 404, json: { error: `no admin route ${method} ${url.pathname}` } };
    }
  } catch (error) {
    return { status: 400, json: { error: error instanceof Error ? error.message : String(error) } };
  }
  const token = controls.world.tokens.find((t) => t.id === tokenId);
  return { status: 200, json: { token: token && tokenSummary(controls.world, token, controls.now()) } };
}
