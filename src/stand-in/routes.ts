import { authenticate, type AuthContext, type AuthRules } from './auth.js';
import { answers, ok, TOKEN_VALID_MESSAGE, type ApiAnswer } from './envelope.js';
import { HEX32 } from './ids.js';
import type { StandInToken, StandInWorld, StandInZone } from './model.js';
import { paginate, readPage } from './paging.js';
import { reachesAccount } from './permissions.js';
import { mayOnAccount, mayOnZone, zoneListed } from './token-groups.js';
import { accountJson, memberJson, verifyJson, zoneJson } from './representations.js';
import { createToken, deleteToken, listTokens, permissionGroups, updateToken } from './token-api.js';

interface ApiRequest {
  method: string;
  /** The path below `/client/v4`, without the query. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  ip: string;
  now: Date;
  /** The request body (JSON for the token API's POST and PUT; empty otherwise). */
  body?: string;
  /** Requests a token created through the API is refused on before it works. Default 0. */
  propagationRefusals?: number;
}

type Params = Record<string, string>;

interface Call {
  world: StandInWorld;
  token: StandInToken;
  params: Params;
  query: URLSearchParams;
  now: Date;
  body: string;
  propagationRefusals: number;
}

interface Route extends AuthRules {
  method: string;
  /** Segments; `:account` and `:zone` must be 32 hex or the path does not route (7003), like Cloudflare. */
  pattern: string[];
  /**
   * Path parameters' maxLength in the official contract. A request beyond it is what a gateway validating
   * that contract refuses before Cloudflare sees it (a certificate pack id as a 36-character UUID was one).
   */
  maxLength?: Record<string, number>;
  handle(call: Call): ApiAnswer;
}

function zoneById(world: StandInWorld, id: string): StandInZone | undefined {
  return world.zones.find((z) => z.id === id);
}

/** Removes the first matching item, as a real DELETE would; the caller records it as a write. */
function removeWhere<T>(items: T[], match: (item: T) => boolean): boolean {
  const index = items.findIndex(match);
  if (index < 0) return false;
  items.splice(index, 1);
  return true;
}

function verify(call: Call, ownerAccountId: string | null): ApiAnswer {
  const { token } = call;
  const kindMatches =
    ownerAccountId === null
      ? token.kind !== 'account'
      : token.kind === 'account' && token.ownerAccountId === ownerAccountId;
  if (!kindMatches) return answers.invalidToken();
  const { result, active } = verifyJson(token, call.now);
  return ok(result, { messages: active ? [TOKEN_VALID_MESSAGE] : [] });
}

const ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: ['user', 'tokens', 'verify'],
    family: 'core',
    verify: true,
    handle: (call) => verify(call, null),
  },
  {
    method: 'GET',
    pattern: ['accounts', ':account', 'tokens', 'verify'],
    family: 'core',
    verify: true,
    handle: (call) => verify(call, call.params.account ?? ''),
  },
  {
    method: 'GET',
    pattern: ['user', 'tokens', 'permission_groups'],
    family: 'core',
    handle: ({ token }) => permissionGroups(token),
  },
  {
    method: 'GET',
    pattern: ['user', 'tokens'],
    family: 'core',
    handle: ({ world, token, query, now }) => listTokens(world, token, query, now),
  },
  {
    method: 'POST',
    pattern: ['user', 'tokens'],
    family: 'core',
    handle: ({ world, token, body, now, propagationRefusals }) => createToken(world, token, body, now, { propagationRefusals }),
  },
  {
    method: 'PUT',
    pattern: ['user', 'tokens', ':token'],
    family: 'core',
    handle: ({ world, token, params, body, now }) => updateToken(world, token, params.token ?? '', body, now),
  },
  {
    method: 'DELETE',
    pattern: ['user', 'tokens', ':token'],
    family: 'core',
    handle: ({ world, token, params }) => deleteToken(world, token, params.token ?? ''),
  },
  {
    method: 'GET',
    pattern: ['accounts'],
    family: 'core',
    handle: ({ world, token, query }) => {
      if (token.kind === 'account' && world.accountTokensListAccounts === 'refuse') return answers.accountsListRefused();
      const page = readPage(query);
      if ('status' in page) return page;
      const reached = world.accounts.filter((a) => reachesAccount(world, token, a.id));
      const { items, resultInfo } = paginate(reached, page);
      return ok(items.map(accountJson), { resultInfo });
    },
  },
  // `wrangler whoami` (`npm run bench` runs it beside doctor) asks for the user's details and memberships
  // first. A deploy token holds neither User Details nor Memberships Read, and Cloudflare refuses such a
  // token there with 403 / 9109 (docs/cloudflare-api.md, "Missing permission"), as these do for every token.
  { method: 'GET', pattern: ['user'], family: 'core', handle: () => answers.unauthorized() },
  { method: 'GET', pattern: ['memberships'], family: 'core', handle: () => answers.unauthorized() },
  {
    method: 'GET',
    pattern: ['accounts', ':account'],
    family: 'core',
    handle: ({ world, token, params }) => {
      const account = world.accounts.find((a) => a.id === params.account);
      if (!account || !mayOnAccount(world, token, 'GET /accounts/{account_id}', account.id)) return answers.unauthorized();
      return ok(accountJson(account));
    },
  },
  {
    method: 'GET',
    pattern: ['accounts', ':account', 'members'],
    family: 'core',
    handle: ({ world, token, params, query }) => {
      const accountId = params.account ?? '';
      if (!mayOnAccount(world, token, 'GET /accounts/{account_id}/members', accountId)) return answers.unauthorized();
      const page = readPage(query);
      if ('status' in page) return page;
      const { items, resultInfo } = paginate(
        world.members.filter((m) => m.accountId === accountId),
        page,
      );
      return ok(items.map(memberJson), { resultInfo });
    },
  },
  {
    method: 'DELETE',
    pattern: ['accounts', ':account', 'workers', 'scripts', ':name'],
    family: 'workers',
    handle: ({ world, token, params }) => {
      const accountId = params.account ?? '';
      if (!mayOnAccount(world, token, 'DELETE /accounts/{account_id}/workers/scripts/{script_name}', accountId)) {
        return answers.workersAuthError(403);
      }
      const deleted = removeWhere(world.scripts, (s) => s.accountId === accountId && s.name === params.name);
      return deleted ? { ...ok(null), write: true } : answers.scriptNotFound();
    },
  },
  {
    method: 'DELETE',
    pattern: ['accounts', ':account', 'storage', 'kv', 'namespaces', ':id'],
    family: 'workers',
    maxLength: { id: 32 },
    handle: ({ world, token, params }) => {
      const accountId = params.account ?? '';
      const id = params.id ?? '';
      if (!mayOnAccount(world, token, 'DELETE /accounts/{account_id}/storage/kv/namespaces/{namespace_id}', accountId)) {
        return answers.kvDeleteNotAllowed();
      }
      if (!HEX32.test(id)) return answers.kvBadId(id);
      const deleted = removeWhere(world.kvNamespaces, (n) => n.accountId === accountId && n.id === id);
      return deleted ? { ...ok(null), write: true } : answers.kvNotFound();
    },
  },
  {
    method: 'GET',
    pattern: ['zones'],
    family: 'core',
    handle: ({ world, token, query }) => {
      if (!world.zones.some((z) => zoneListed(world, token, z))) return answers.unauthorized();
      const page = readPage(query);
      if ('status' in page) return page;
      const name = query.get('name');
      const accountId = query.get('account.id');
      const matching = world.zones.filter(
        (z) =>
          zoneListed(world, token, z) &&
          (name === null || z.name === name.toLowerCase()) &&
          (accountId === null || z.accountId === accountId),
      );
      const { items, resultInfo } = paginate(matching, page);
      return ok(
        items.map((z) => zoneJson(world, z)),
        { resultInfo },
      );
    },
  },
  {
    method: 'GET',
    pattern: ['zones', ':zone'],
    family: 'core',
    handle: ({ world, token, params }) => {
      const zone = zoneById(world, params.zone ?? '');
      if (!zone || !mayOnZone(world, token, 'GET /zones/{zone_id}', zone)) return answers.unauthorized();
      return ok(zoneJson(world, zone));
    },
  },
  {
    method: 'GET',
    pattern: ['zones', ':zone', 'settings', 'origin_max_http_version'],
    family: 'core',
    handle: ({ world, token, params }) => {
      const zone = zoneById(world, params.zone ?? '');
      if (!zone || !mayOnZone(world, token, 'GET /zones/{zone_id}/settings/origin_max_http_version', zone)) {
        return answers.unauthorized();
      }
      return ok({ id: 'origin_max_http_version', value: '2', editable: true, modified_on: null });
    },
  },
  {
    // Wrangler's triggers deploy lists these for each zone it deploys to (cloudflare/workers-sdk issue
    // 15863); the annotations accept Workers Routes Read or Write. The world holds no routes: the list is empty.
    method: 'GET',
    pattern: ['zones', ':zone', 'workers', 'routes'],
    family: 'core',
    handle: ({ world, token, params }) => {
      const zone = zoneById(world, params.zone ?? '');
      if (!zone || !mayOnZone(world, token, 'GET /zones/{zone_id}/workers/routes', zone)) return answers.unauthorized();
      return ok([]);
    },
  },
  {
    method: 'DELETE',
    pattern: ['zones', ':zone', 'dns_records', ':id'],
    family: 'core',
    maxLength: { id: 32 },
    handle: ({ world, token, params }) => {
      const zone = zoneById(world, params.zone ?? '');
      if (!zone || !mayOnZone(world, token, 'DELETE /zones/{zone_id}/dns_records/{dns_record_id}', zone)) {
        return answers.unauthorized();
      }
      const id = params.id;
      const deleted = removeWhere(world.dnsRecords, (r) => r.zoneId === zone.id && r.id === id);
      return deleted ? { ...ok({ id }), write: true } : answers.dnsRecordNotFound();
    },
  },
  {
    method: 'DELETE',
    pattern: ['zones', ':zone', 'ssl', 'certificate_packs', ':id'],
    family: 'core',
    maxLength: { id: 32 },
    handle: ({ world, token, params }) => {
      const zone = zoneById(world, params.zone ?? '');
      if (!zone || !mayOnZone(world, token, 'DELETE /zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}', zone)) {
        return answers.unauthorized();
      }
      // Permission first, then the zone's entitlement: without Advanced Certificate Manager the answer is
      // neither "missing" nor "not found" (inferred, docs/cloudflare-api.md, "Entitlement refusals").
      if (zone.advancedCertificateManager === false) return answers.noAdvancedCertificateManager();
      const id = params.id;
      const deleted = removeWhere(world.certificatePacks, (p) => p.zoneId === zone.id && p.id === id);
      return deleted ? { ...ok({ id }), write: true } : answers.certificatePackNotFound();
    },
  },
  {
    // What wrangler needs to create a service's route patterns (Workers Routes Write, per the annotations);
    // mastrakit probes it with an id that cannot exist. The world holds no routes.
    method: 'DELETE',
    pattern: ['zones', ':zone', 'workers', 'routes', ':id'],
    family: 'core',
    maxLength: { id: 32 },
    handle: ({ world, token, params }) => {
      const zone = zoneById(world, params.zone ?? '');
      if (!zone || !mayOnZone(world, token, 'DELETE /zones/{zone_id}/workers/routes/{route_id}', zone)) return answers.unauthorized();
      return answers.workersRouteNotFound();
    },
  },
];

function match(pattern: string[], segments: string[]): Params | null {
  if (pattern.length !== segments.length) return null;
  const params: Params = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) {
      const name = part.slice(1);
      if ((name === 'account' || name === 'zone') && !HEX32.test(segment)) return null;
      if (segment === '') return null;
      params[name] = segment;
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

function decodeSegments(path: string): string[] | null {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

/**
 * Answers one API request against the world (and changes it, for a DELETE of an existing object).
 * Order, like Cloudflare: route (and the contract's limits on path parameters), then credentials and caller address, then permission, then validation and existence.
 */
export function handleApi(world: StandInWorld, request: ApiRequest): ApiAnswer {
  const segments = decodeSegments(request.path);
  const candidates = segments
    ? ROUTES.flatMap((route) => {
        const params = match(route.pattern, segments);
        return params ? [{ route, params }] : [];
      })
    : [];
  if (candidates.length === 0) return answers.noRoute(request.path);
  const found = candidates.find((c) => c.route.method === request.method);
  if (!found) return answers.methodNotAllowed(request.method);
  for (const [name, max] of Object.entries(found.route.maxLength ?? {})) {
    if ((found.params[name] ?? '').length > max) return answers.tooLong(name, max);
  }

  const ctx: AuthContext = { world, authorization: request.authorization, ip: request.ip, now: request.now };
  const auth = authenticate(ctx, found.route);
  if ('failure' in auth) return auth.failure;
  return found.route.handle({
    world,
    token: auth.token,
    params: found.params,
    query: request.query,
    now: request.now,
    body: request.body ?? '',
    propagationRefusals: request.propagationRefusals ?? 0,
  });
}

