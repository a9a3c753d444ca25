import { randomBytes } from 'node:crypto';
import { answers, fail, ok, type ApiAnswer } from './envelope.js';
import { fakeHex32, fakeTokenValue, HEX32 } from './ids.js';
import type { PermissionGroup, PermissionName, StandInToken, StandInWorld, StoredPolicy, UserPermission } from './model.js';
import { paginate, readPage } from './paging.js';
import { effectiveStatus, isZonePermission } from './permissions.js';

/**
 * The token API (`/user/tokens…`): permission groups, list, create, update, delete. A created token is a
 * real token of the model: exactly the policies sent decide what it reaches.
 */

const ACCOUNT_SCOPE = 'com.cloudflare.api.account';
const ZONE_SCOPE = 'com.cloudflare.api.account.zone';
const USER_SCOPE = 'com.cloudflare.api.user';
const ACCOUNT_RESOURCE = /^com\.cloudflare\.api\.account\.([0-9a-f]{32}|\*)$/;
const ZONE_RESOURCE = /^com\.cloudflare\.api\.account\.zone\.([0-9a-f]{32}|\*)$/;
const USER_RESOURCE = /^com\.cloudflare\.api\.user\.([0-9a-f]{32}|\*)$/;

interface GroupEntry {
  name: string;
  /** Ids from Cloudflare's published list where known (docs/cloudflare-api.md), else a fixed fake. */
  id: string;
}

/** One entry per group of the model, Read and Write: a group added to the model must be named here. */
const GROUPS: Record<PermissionGroup, { read: GroupEntry; edit: GroupEntry; scope: string }> = {
  workers_scripts: {
    read: { name: 'Workers Scripts Read', id: '1a71c399035b4950a1bd1466bbe4f420' },
    edit: { name: 'Workers Scripts Write', id: 'e086da7e2179491d91ee5f35b3ca210a' },
    scope: ACCOUNT_SCOPE,
  },
  account_settings: {
    read: { name: 'Account Settings Read', id: 'c1fde68c7bcc44588cbb6ddbc16d6480' },
    edit: { name: 'Account Settings Write', id: fakeHex32('group:account_settings:edit') },
    scope: ACCOUNT_SCOPE,
  },
  workers_kv_storage: {
    read: { name: 'Workers KV Storage Read', id: '8b47d2786a534c08a1f94ee8f9f599ef' },
    edit: { name: 'Workers KV Storage Write', id: 'f7f0eda5697f475c90846e879bab8666' },
    scope: ACCOUNT_SCOPE,
  },
  dns: {
    read: { name: 'DNS Read', id: fakeHex32('group:dns:read') },
    edit: { name: 'DNS Write', id: '4755a26eedb94da69e1066d98aa820be' },
    scope: ZONE_SCOPE,
  },
  zone: {
    read: { name: 'Zone Read', id: 'c8fed203ed3043cba015a93ad1616f1f' },
    edit: { name: 'Zone Write', id: fakeHex32('group:zone:edit') },
    scope: ZONE_SCOPE,
  },
  ssl_and_certificates: {
    read: { name: 'SSL and Certificates Read', id: fakeHex32('group:ssl:read') },
    edit: { name: 'SSL and Certificates Write', id: 'c03055bc037c4ea9afb9a9f104b7b721' },
    scope: ZONE_SCOPE,
  },
  workers_routes: {
    read: { name: 'Workers Routes Read', id: '2072033d694d415a936eaeb94e6405b8' },
    edit: { name: 'Workers Routes Write', id: fakeHex32('group:workers_routes:edit') },
    scope: ZONE_SCOPE,
  },
};

const USER_GROUPS: Record<UserPermission, GroupEntry> = {
  'api_tokens:read': { name: 'API Tokens Read', id: fakeHex32('group:api_tokens:read') },
  'api_tokens:edit': { name: 'API Tokens Write', id: fakeHex32('group:api_tokens:edit') },
};

/** Groups the deploy never uses, so that matching by name has something to pass over. */
const OTHER_GROUPS = [
  { id: '7cf72faf220841aabcfdfab81c43c4f6', name: 'Billing Read', scopes: [ACCOUNT_SCOPE] },
  { id: fakeHex32('group:pages:edit'), name: 'Cloudflare Pages Write', scopes: [ACCOUNT_SCOPE] },
  { id: fakeHex32('group:page_rules:edit'), name: 'Page Rules Write', scopes: [ZONE_SCOPE] },
];

type GroupMeaning = { kind: 'model'; permission: PermissionName } | { kind: 'user'; permission: UserPermission };

interface ListedGroup {
  id: string;
  name: string;
  scopes: string[];
  meaning?: GroupMeaning;
}

function allGroups(): ListedGroup[] {
  const model = (Object.entries(GROUPS) as [PermissionGroup, (typeof GROUPS)[PermissionGroup]][]).flatMap(([group, g]) =>
    (['read', 'edit'] as const).map((level) => ({
      id: g[level].id,
      name: g[level].name,
      scopes: [g.scope],
      meaning: { kind: 'model' as const, permission: `${group}:${level}` as PermissionName },
    })),
  );
  const user = (Object.entries(USER_GROUPS) as [UserPermission, GroupEntry][]).map(([permission, g]) => ({
    id: g.id,
    name: g.name,
    scopes: [USER_SCOPE],
    meaning: { kind: 'user' as const, permission },
  }));
  return [...model, ...user, ...OTHER_GROUPS];
}

export function canReadTokens(token: StandInToken): boolean {
  return (token.userPermissions ?? []).length > 0;
}

export function canWriteTokens(token: StandInToken): boolean {
  return (token.userPermissions ?? []).includes('api_tokens:edit');
}

export function permissionGroups(token: StandInToken): ApiAnswer {
  if (!canReadTokens(token)) return answers.unauthorized();
  return ok(allGroups().map(({ id, name, scopes }) => ({ id, name, scopes })));
}

// Inferred: Cloudflare's code for a bad token request is 1001 in the one public report (a create that
// carried a policy id); the stand-in uses it for every body it refuses.
const badRequest = (message: string): ApiAnswer => fail(400, { code: 1001, message });
// Inferred: no public source shows the answer for a token id that does not exist.
const tokenNotFound = (): ApiAnswer => fail(404, { code: 1003, message: 'Token not found' });

interface TokenBody {
  name: string;
  policies: StoredPolicy[];
  expiresOn: string | null;
  notBefore: string | null;
  /** The model fields the policies give. */
  grants: Pick<StandInToken, 'accountPermissions' | 'accounts' | 'zonePermissions' | 'zones' | 'zoneAccounts' | 'userPermissions'>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameList(a: string[] | '*' | undefined, b: string[] | '*'): boolean {
  return a === undefined || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads a create or update body into the model. The model keeps one account list and one zone list per
 * token, so policies that would need more (two account policies naming different accounts) are refused
 * with a sentence saying so: the stand-in never silently widens or narrows what was asked.
 */
function readTokenBody(world: StandInWorld, raw: string, now: Date): TokenBody | ApiAnswer {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return badRequest('Request body is not valid JSON');
  }
  if (!isRecord(json)) return badRequest('Request body must be an object');
  const { name, policies, expires_on: expiresOn, not_before: notBefore } = json;
  if (typeof name !== 'string' || name.trim() === '') return badRequest('name is required');
  if (name.length > 120) return badRequest('name must be at most 120 characters');
  if (!Array.isArray(policies) || policies.length === 0) return badRequest('policies must be a non-empty list');
  for (const [key, value] of [['expires_on', expiresOn], ['not_before', notBefore]] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      return badRequest(`${key} must be a date-time`);
    }
  }
  if (typeof expiresOn === 'string' && Date.parse(expiresOn) <= now.getTime()) return badRequest('expires_on must be in the future');

  const groups = new Map(allGroups().map((g) => [g.id, g]));
  const grants: TokenBody['grants'] = { accountPermissions: [], accounts: [], zonePermissions: [], zones: [], userPermissions: [] };
  let accounts: string[] | '*' | undefined;
  let zones: { zones: string[] | '*'; zoneAccounts?: string[] } | undefined;
  const stored: StoredPolicy[] = [];
  for (const policy of policies) {
    if (!isRecord(policy)) return badRequest('each policy must be an object');
    if ('id' in policy) return badRequest('Reusing existing policies is not supported by token creation');
    if (policy.effect !== 'allow') return badRequest('the stand-in supports allow policies only');
    if (!Array.isArray(policy.permission_groups) || policy.permission_groups.length === 0) {
      return badRequest('each policy needs permission_groups');
    }
    if (!isRecord(policy.resources) || Object.keys(policy.resources).length === 0) return badRequest('each policy needs resources');
    const listed: ListedGroup[] = [];
    for (const g of policy.permission_groups) {
      const found = isRecord(g) && typeof g.id === 'string' ? groups.get(g.id) : undefined;
      if (!found?.meaning) return badRequest(`Unknown permission group ${isRecord(g) && typeof g.id === 'string' && HEX32.test(g.id) ? g.id : ''}`.trim());
      listed.push(found);
    }
    const kinds = new Set(listed.map((g) => (g.meaning?.kind === 'user' ? 'user' : isZonePermission(g.meaning?.permission as PermissionName) ? 'zone' : 'account')));
    if (kinds.size !== 1) return badRequest('a policy must not mix account, zone and user permission groups (the stand-in keeps them apart)');
    const kind = [...kinds][0];
    const resources = readResources(world, policy.resources, kind as 'account' | 'zone' | 'user');
    if ('status' in resources) return resources;
    if (kind === 'account') {
      if (!sameList(accounts, resources.accounts)) return badRequest('the stand-in keeps one account list per token');
      accounts = resources.accounts;
    } else if (kind === 'zone') {
      if (zones && JSON.stringify(zones) !== JSON.stringify(resources.zones)) return badRequest('the stand-in keeps one zone list per token');
      zones = resources.zones;
    }
    for (const g of listed) {
      const meaning = g.meaning as GroupMeaning;
      if (meaning.kind === 'user') grants.userPermissions?.push(meaning.permission);
      else if (kind === 'zone') grants.zonePermissions.push(meaning.permission);
      else grants.accountPermissions.push(meaning.permission);
    }
    stored.push({
      id: fakeHex32(`policy:${randomBytes(8).toString('hex')}`),
      effect: 'allow',
      resources: policy.resources,
      permission_groups: listed.map((g) => ({ id: g.id, name: g.name })),
    });
  }
  grants.accounts = accounts ?? [];
  if (zones) {
    grants.zones = zones.zones;
    if (zones.zoneAccounts) grants.zoneAccounts = zones.zoneAccounts;
  }
  return {
    name,
    policies: stored,
    expiresOn: typeof expiresOn === 'string' ? expiresOn : null,
    notBefore: typeof notBefore === 'string' ? notBefore : null,
    grants,
  };
}

type Resources = { accounts: string[] | '*' } & { zones: { zones: string[] | '*'; zoneAccounts?: string[] } };

function readResources(world: StandInWorld, resources: Record<string, unknown>, kind: 'account' | 'zone' | 'user'): Resources | ApiAnswer {
  const accounts: string[] = [];
  let allAccounts = false;
  const zoneIds: string[] = [];
  const zoneAccounts: string[] = [];
  let allZones = false;
  for (const [key, value] of Object.entries(resources)) {
    const account = ACCOUNT_RESOURCE.exec(key)?.[1];
    const zone = ZONE_RESOURCE.exec(key)?.[1];
    if (kind === 'user') {
      if (!USER_RESOURCE.test(key) || value !== '*') return badRequest(`resource ${key.slice(0, 80)} does not fit a user permission group`);
      continue;
    }
    if (zone !== undefined) {
      if (kind !== 'zone' || value !== '*') return badRequest(`resource ${key} does not fit this policy`);
      if (zone === '*') allZones = true;
      else if (!world.zones.some((z) => z.id === zone)) return badRequest(`Zone ${zone} is not one of yours`);
      else zoneIds.push(zone);
      continue;
    }
    if (account === undefined) return badRequest(`Unknown resource ${key.slice(0, 80)}`);
    if (account !== '*' && !world.accounts.some((a) => a.id === account)) return badRequest(`Account ${account} is not one of yours`);
    if (kind === 'account') {
      if (value !== '*') return badRequest(`resource ${key} must map to "*" in an account policy`);
      if (account === '*') allAccounts = true;
      else accounts.push(account);
      continue;
    }
    // A zone policy naming an account: all zones of that account.
    const nested = isRecord(value) ? Object.entries(value) : [];
    const [first] = nested;
    if (nested.length !== 1 || !first || first[0] !== `${ZONE_SCOPE}.*` || first[1] !== '*') {
      return badRequest(`resource ${key} in a zone policy must hold {"${ZONE_SCOPE}.*": "*"}`);
    }
    if (account === '*') allZones = true;
    else zoneAccounts.push(account);
  }
  if (kind === 'zone' && zoneAccounts.length > 0 && (zoneIds.length > 0 || allZones)) {
    return badRequest('the stand-in keeps one zone list per token');
  }
  const zones: Resources['zones'] = allZones ? { zones: '*' } : zoneAccounts.length > 0 ? { zones: '*', zoneAccounts } : { zones: zoneIds };
  return { accounts: allAccounts ? '*' : accounts, zones };
}

/** The policies of a token the model holds but that was not created through the API (the samples). */
function derivedPolicies(token: StandInToken): StoredPolicy[] {
  const policies: StoredPolicy[] = [];
  const accountResources =
    token.accounts === '*' ? { [`${ACCOUNT_SCOPE}.*`]: '*' } : Object.fromEntries(token.accounts.map((id) => [`${ACCOUNT_SCOPE}.${id}`, '*']));
  if (token.accountPermissions.length > 0) {
    policies.push({
      id: fakeHex32(`policy:${token.id}:account`),
      effect: 'allow',
      resources: accountResources,
      permission_groups: token.accountPermissions.map((p) => ({ id: groupEntry(p).id, name: groupEntry(p).name })),
    });
  }
  if (token.zonePermissions.length > 0) {
    const zoneResources =
      token.zones === '*'
        ? Object.fromEntries(
            (token.zoneAccounts ?? (token.accounts === '*' ? ['*'] : token.accounts)).map((id) => [`${ACCOUNT_SCOPE}.${id}`, { [`${ZONE_SCOPE}.*`]: '*' }]),
          )
        : Object.fromEntries(token.zones.map((id) => [`${ZONE_SCOPE}.${id}`, '*']));
    policies.push({
      id: fakeHex32(`policy:${token.id}:zone`),
      effect: 'allow',
      resources: zoneResources,
      permission_groups: token.zonePermissions.map((p) => ({ id: groupEntry(p).id, name: groupEntry(p).name })),
    });
  }
  if ((token.userPermissions ?? []).length > 0) {
    policies.push({
      id: fakeHex32(`policy:${token.id}:user`),
      effect: 'allow',
      resources: { [`${USER_SCOPE}.${fakeHex32('user:the-one-user')}`]: '*' },
      permission_groups: (token.userPermissions ?? []).map((p) => ({ id: USER_GROUPS[p].id, name: USER_GROUPS[p].name })),
    });
  }
  return policies;
}

function groupEntry(permission: PermissionName): GroupEntry {
  const [group, level] = permission.split(':') as [PermissionGroup, 'read' | 'edit'];
  return GROUPS[group][level];
}

// Fixed, like the other representations, for tokens that carry no dates of their own.
const SAMPLE_ISSUED_ON = '2024-03-01T12:21:02Z';

/** A token as the token API shows it: never its value (only the create answer carries that). */
export function tokenJson(token: StandInToken, now: Date): Record<string, unknown> {
  const status = effectiveStatus(token, now);
  const json: Record<string, unknown> = {
    id: token.id,
    name: token.name ?? token.id,
    status: status === 'not-yet-valid' ? 'active' : status,
    issued_on: token.issuedOn ?? SAMPLE_ISSUED_ON,
    modified_on: token.modifiedOn ?? token.issuedOn ?? SAMPLE_ISSUED_ON,
    policies: token.policies ?? derivedPolicies(token),
    condition: {},
  };
  if (token.expiresOn) json.expires_on = token.expiresOn;
  if (token.notBefore) json.not_before = token.notBefore;
  return json;
}

/** The user's tokens: every user-owned token of the world (the stand-in has one user). */
export function listTokens(world: StandInWorld, token: StandInToken, query: URLSearchParams, now: Date): ApiAnswer {
  if (!canReadTokens(token)) return answers.unauthorized();
  const page = readPage(query);
  if ('status' in page) return page;
  const mine = world.tokens.filter((t) => t.kind !== 'account');
  const { items, resultInfo } = paginate(mine, page);
  return ok(
    items.map((t) => tokenJson(t, now)),
    { resultInfo },
  );
}

export interface CreateOptions {
  /** Requests a created token is refused on before it works (Cloudflare's propagation). */
  propagationRefusals: number;
}

export function createToken(world: StandInWorld, token: StandInToken, body: string, now: Date, options: CreateOptions): ApiAnswer {
  if (!canWriteTokens(token)) return answers.unauthorized();
  const read = readTokenBody(world, body, now);
  if ('status' in read) return read;
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const made: StandInToken = {
    value: fakeTokenValue(`created:${randomBytes(16).toString('hex')}`, 'cfut'),
    id: fakeHex32(`created-id:${randomBytes(16).toString('hex')}`),
    name: read.name,
    description: 'Created through POST /user/tokens.',
    ...read.grants,
    expiresOn: read.expiresOn,
    notBefore: read.notBefore,
    policies: read.policies,
    issuedOn: stamp,
    modifiedOn: stamp,
  };
  if (options.propagationRefusals > 0) made.unpropagated = options.propagationRefusals;
  world.tokens.push(made);
  return { ...ok({ ...tokenJson(made, now), value: made.value }), write: true };
}

export function updateToken(world: StandInWorld, token: StandInToken, id: string, body: string, now: Date): ApiAnswer {
  if (!canWriteTokens(token)) return answers.unauthorized();
  const target = world.tokens.find((t) => t.id === id && t.kind !== 'account');
  if (!target) return tokenNotFound();
  const read = readTokenBody(world, body, now);
  if ('status' in read) return read;
  // The update replaces what it names: policies, name and dates; the value stays.
  delete target.zoneAccounts;
  Object.assign(target, read.grants, {
    name: read.name,
    policies: read.policies,
    expiresOn: read.expiresOn,
    notBefore: read.notBefore,
    modifiedOn: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  return { ...ok(tokenJson(target, now)), write: true };
}

export function deleteToken(world: StandInWorld, token: StandInToken, id: string): ApiAnswer {
  if (!canWriteTokens(token)) return answers.unauthorized();
  const index = world.tokens.findIndex((t) => t.id === id && t.kind !== 'account');
  if (index < 0) return tokenNotFound();
  world.tokens.splice(index, 1);
  return { ...ok({ id }), write: true };
}
