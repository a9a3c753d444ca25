import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeHex32, sampleWorld, startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { holdsOnAccount, holdsOnZone, reachesAccount } from '../../src/stand-in/permissions.js';
import { registerSecret } from '../support/secret-scan.js';
import { call, codeOf } from './http.js';

const s = sampleWorld();
const ACME = s.account.id;
const ACCOUNT = 'com.cloudflare.api.account';
const ZONE = 'com.cloudflare.api.account.zone';

let standIn: StandIn;
beforeEach(async () => {
  standIn = await startStandIn({ world: s.world });
});
afterEach(async () => {
  for (const t of standIn.created) registerSecret(t.value);
  await standIn.close();
});

/** A request with a JSON body. */
export async function send(method: string, path: string, token: string, body: unknown) {
  const res = await fetch(`${standIn.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(2000),
  });
  return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function groupIds(): Promise<Record<string, string>> {
  const answer = await call(standIn, 'GET', '/user/tokens/permission_groups', s.tokens.bootstrap.value);
  return Object.fromEntries((answer.body.result as { id: string; name: string }[]).map((g) => [g.name, g.id]));
}

describe('the token API', () => {
  it('permission groups: listed for API Tokens Read or Write, refused (403 / 9109) for a deploy token', async () => {
    const ids = await groupIds();
    expect(ids['Workers Scripts Write']).toBe('e086da7e2179491d91ee5f35b3ca210a');
    expect(ids['DNS Write']).toBe('4755a26eedb94da69e1066d98aa820be');
    expect((await call(standIn, 'GET', '/user/tokens/permission_groups', s.tokens.bootstrapReadOnly.value)).status).toBe(200);
    const refused = await call(standIn, 'GET', '/user/tokens/permission_groups', s.tokens.complete.value);
    expect([refused.status, codeOf(refused)]).toEqual([403, 9109]);
  });

  it('a bootstrap token (API Tokens Write only) lists no account and no zone', async () => {
    const accounts = await call(standIn, 'GET', '/accounts', s.tokens.bootstrap.value);
    expect(accounts.body.result).toEqual([]);
    const zones = await call(standIn, 'GET', '/zones?name=example.com', s.tokens.bootstrap.value);
    expect(zones.status).toBe(403);
  });

  it('create: a real token with exactly the policies sent; one account and one zone reach only those', async () => {
    const ids = await groupIds();
    const made = await send('POST', '/user/tokens', s.tokens.bootstrap.value, {
      name: 'mastrakit-acme-deploy',
      policies: [
        { effect: 'allow', permission_groups: [{ id: ids['Workers Scripts Write'] }], resources: { [`${ACCOUNT}.${ACME}`]: '*' } },
        { effect: 'allow', permission_groups: [{ id: ids['DNS Write'] }], resources: { [`${ZONE}.${s.zone.id}`]: '*' } },
      ],
      expires_on: '2030-01-01T00:00:00Z',
    });
    expect(made.status).toBe(200);
    expect(typeof made.body.result.value).toBe('string');
    expect(standIn.writes.map((w) => w.method)).toEqual(['POST']);
    const token = standIn.world.tokens.find((t) => t.id === made.body.result.id);
    if (!token) throw new Error('not in the world');
    expect(holdsOnAccount(standIn.world, token, 'workers_scripts:edit', ACME)).toBe(true);
    expect(holdsOnAccount(standIn.world, token, 'workers_kv_storage:edit', ACME)).toBe(false);
    expect(reachesAccount(standIn.world, token, s.otherAccount.id)).toBe(false);
    expect(holdsOnZone(standIn.world, token, 'dns:edit', s.zone)).toBe(true);
    const other = s.world.zones.find((z) => z.id !== s.zone.id);
    if (other) expect(holdsOnZone(standIn.world, token, 'dns:edit', other)).toBe(false);
    // The new value works at once, and the answer's policies are those sent.
    const verify = await call(standIn, 'GET', '/user/tokens/verify', made.body.result.value);
    expect(verify.body.result).toEqual({ id: token.id, status: 'active', expires_on: '2030-01-01T00:00:00Z' });
    expect(made.body.result.policies.map((p: { resources: object }) => p.resources)).toEqual([{ [`${ACCOUNT}.${ACME}`]: '*' }, { [`${ZONE}.${s.zone.id}`]: '*' }]);
  });

  it("create with the account's zones, then PUT to one zone: the value stays, the reach narrows", async () => {
    const ids = await groupIds();
    const policies = (zone: object) => [{ effect: 'allow', permission_groups: [{ id: ids['Zone Read'] }], resources: zone }];
    const made = await send('POST', '/user/tokens', s.tokens.bootstrap.value, {
      name: 'wide',
      policies: policies({ [`${ACCOUNT}.${ACME}`]: { [`${ZONE}.*`]: '*' } }),
    });
    const { id, value } = made.body.result;
    expect((await call(standIn, 'GET', '/zones?name=example.com', value)).body.result).toHaveLength(1);
    const put = await send('PUT', `/user/tokens/${id}`, s.tokens.bootstrap.value, { id, name: 'narrow', status: 'active', policies: policies({ [`${ZONE}.${s.zone.id}`]: '*' }) });
    expect(put.status).toBe(200);
    expect(put.body.result.value).toBeUndefined();
    expect(standIn.world.tokens.find((t) => t.id === id)?.zones).toEqual([s.zone.id]);
    expect((await call(standIn, 'GET', '/user/tokens/verify', value)).status).toBe(200);
  });

  it.each<[string, unknown]>([
    ['no name', { policies: [] }],
    ['no policies', { name: 'x', policies: [] }],
    ['an unknown group', { name: 'x', policies: [{ effect: 'allow', permission_groups: [{ id: fakeHex32('nope') }], resources: { [`${ACCOUNT}.${ACME}`]: '*' } }] }],
    ['a policy id (reuse)', { name: 'x', policies: [{ id: fakeHex32('p'), effect: 'allow', permission_groups: [], resources: {} }] }],
    ['an account that is not the user\'s', { name: 'x', policies: [{ effect: 'allow', permission_groups: [{ id: 'e086da7e2179491d91ee5f35b3ca210a' }], resources: { [`${ACCOUNT}.${fakeHex32('no')}`]: '*' } }] }],
    ['an expiry in the past', { name: 'x', expires_on: '2001-01-01T00:00:00Z', policies: [{ effect: 'allow', permission_groups: [{ id: 'e086da7e2179491d91ee5f35b3ca210a' }], resources: { [`${ACCOUNT}.${ACME}`]: '*' } }] }],
  ])('create refuses %s: 400 / 1001, nothing made', async (_what, body) => {
    const answer = await send('POST', '/user/tokens', s.tokens.bootstrap.value, body);
    expect([answer.status, answer.body.errors[0]?.code, answer.body.success]).toEqual([400, 1001, false]);
    expect(standIn.created).toEqual([]);
  });

  it('create, update and delete need API Tokens Write: 403 / 9109 with Read only', async () => {
    const read = s.tokens.bootstrapReadOnly.value;
    const post = await send('POST', '/user/tokens', read, { name: 'x', policies: [] });
    expect([post.status, post.body.errors[0]?.code]).toEqual([403, 9109]);
    const del = await call(standIn, 'DELETE', `/user/tokens/${s.tokens.complete.id}`, read);
    expect([del.status, codeOf(del)]).toEqual([403, 9109]);
    expect(standIn.world.tokens.some((t) => t.id === s.tokens.complete.id)).toBe(true);
  });

  it('delete: the token is gone (a bootstrap token may delete itself); a missing id is 404', async () => {
    const missing = await call(standIn, 'DELETE', `/user/tokens/${fakeHex32('none')}`, s.tokens.bootstrap.value);
    expect([missing.status, missing.body.success]).toEqual([404, false]);
    const gone = await call(standIn, 'DELETE', `/user/tokens/${s.tokens.bootstrap.id}`, s.tokens.bootstrap.value);
    expect(gone.body.result).toEqual({ id: s.tokens.bootstrap.id });
    expect((await call(standIn, 'GET', '/user/tokens/verify', s.tokens.bootstrap.value)).status).toBe(401);
  });

  it('list: the user\'s tokens by id and name, never a value', async () => {
    const answer = await call(standIn, 'GET', '/user/tokens?per_page=50', s.tokens.bootstrap.value);
    const names = (answer.body.result as { name: string }[]).map((t) => t.name);
    expect(names).toContain('mastrakit-acme-complete');
    expect(JSON.stringify(answer.body)).not.toContain(s.tokens.complete.value);
  });

  it('propagation: a new token is refused on its first requests when asked to be', async () => {
    await standIn.close();
    standIn = await startStandIn({ world: s.world, propagationRefusals: 1 });
    const ids = await groupIds();
    const made = await send('POST', '/user/tokens', s.tokens.bootstrap.value, {
      name: 'x',
      policies: [{ effect: 'allow', permission_groups: [{ id: ids['Workers Scripts Write'] }], resources: { [`${ACCOUNT}.${ACME}`]: '*' } }],
    });
    expect((await call(standIn, 'GET', '/user/tokens/verify', made.body.result.value)).status).toBe(401);
    expect((await call(standIn, 'GET', '/user/tokens/verify', made.body.result.value)).status).toBe(200);
  });
});
