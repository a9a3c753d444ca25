import { describe, expect, it } from 'vitest';
import {
  fakeHex32,
  fakeTokenValue,
  sampleWorld,
  type RequestRecord,
} from '../../src/stand-in/index.js';
import { call, codeOf } from './http.js';
import { useStandIn } from '../support/stand-in.js';

const s = sampleWorld();
const acme = s.account.id;
const zone = s.zone.id;
const absent = fakeHex32('an id that exists nowhere');
const dnsProbe = `/zones/${zone}/dns_records/${absent}`;
const allValues = Object.values(s.tokens).map((t) => t.value);

const seen: RequestRecord[] = [];
const standIn = useStandIn(() => {
  seen.length = 0;
  return { world: s.world, onRequest: (r) => seen.push(r) };
}, { each: true });

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${standIn.adminUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }).then(
    async (res) => ({ status: res.status, json: (await res.json()) as any }), // eslint-disable-line @typescript-eslint/no-explicit-any
  );

describe('editing a token, like a user in the dashboard', () => {
  it('grant and revoke change the answers for the same token value', async () => {
    const value = s.tokens.missingDnsEdit.value;
    expect(codeOf(await call(standIn, 'DELETE', dnsProbe, value))).toBe(9109);
    standIn.grant(s.tokens.missingDnsEdit.id, 'dns:edit');
    expect(codeOf(await call(standIn, 'DELETE', dnsProbe, value))).toBe(81044);
    standIn.revoke(value, 'dns:edit');
    expect(codeOf(await call(standIn, 'DELETE', dnsProbe, value))).toBe(9109);
  });

  it('revoking a read also takes away the edit that implied it', async () => {
    standIn.revoke(s.tokens.complete.id, 'dns:read');
    expect(codeOf(await call(standIn, 'DELETE', dnsProbe, s.tokens.complete.value))).toBe(9109);
  });

  it('an edit authorizes what its read does', async () => {
    const value = s.tokens.missingZoneRead.value;
    const setting = `/zones/${zone}/settings/origin_max_http_version`;
    expect((await call(standIn, 'GET', setting, value)).status).toBe(403);
    standIn.grant(value, 'zone:edit' as never);
    expect((await call(standIn, 'GET', setting, value)).status).toBe(200);
  });

  it('a grant with a scope widens the resources', async () => {
    const probe = `/accounts/${acme}/workers/scripts/mk-probe-nope`;
    const value = s.tokens.wrongAccount.value;
    expect(codeOf(await call(standIn, 'DELETE', probe, value))).toBe(10000);
    standIn.grant(value, 'workers_scripts:edit', acme);
    expect(codeOf(await call(standIn, 'DELETE', probe, value))).toBe(10007);
  });

  it('updateToken changes the state and keeps the value working', async () => {
    const { id, value } = s.tokens.complete;
    standIn.updateToken(id, { status: 'disabled' });
    expect((await call(standIn, 'GET', '/user/tokens/verify', value)).body.result.status).toBe('disabled');
    standIn.updateToken(id, { status: 'active', value: 'x', id: 'y' } as never);
    const answer = await call(standIn, 'GET', '/user/tokens/verify', value);
    expect(answer.body.result).toEqual({ id, status: 'active' });
  });

  it('the options world is copied, never changed', async () => {
    standIn.revoke(s.tokens.complete.id, 'workers_scripts:edit');
    await call(standIn, 'DELETE', `/accounts/${acme}/workers/scripts/existing-worker`, s.tokens.allAccounts.value);
    expect(s.tokens.complete.accountPermissions).toContain('workers_scripts:edit');
    expect(s.world.scripts).toHaveLength(1);
  });

  it('refuses an unknown token id', () => {
    expect(() => standIn.grant(absent, 'dns:edit')).toThrow(/no such token/);
  });
});

describe('addToken', () => {
  const fresh = {
    value: fakeTokenValue('fresh', 'legacy'),
    id: fakeHex32('fresh'),
    accountPermissions: ['account_settings:read' as const],
    accounts: [acme],
    zonePermissions: [],
    zones: [],
  };

  it('serves a new token at once', async () => {
    standIn.addToken(fresh);
    expect((await call(standIn, 'GET', `/accounts/${acme}/members?per_page=5`, fresh.value)).status).toBe(200);
    expect((await call(standIn, 'GET', '/zones', fresh.value)).status).toBe(403);
  });

  it.each([
    ['a value Cloudflare would call malformed', { ...fresh, value: 'short' }, /well-formed/],
    ['an id that is not 32 hex', { ...fresh, id: 'abc' }, /32 hex/],
    ['a value already in use', { ...fresh, value: s.tokens.complete.value }, /already exists/],
    ['an account token without its account', { ...fresh, kind: 'account' as const }, /ownerAccountId/],
  ])('refuses %s', (_what, token, message) => {
    expect(() => standIn.addToken(token)).toThrow(message);
  });
});

describe('writes', () => {
  const deletes = [
    ['Worker script', `/accounts/${acme}/workers/scripts/${s.existing.scriptName}`],
    ['KV namespace', `/accounts/${acme}/storage/kv/namespaces/${s.existing.kvNamespaceId}`],
    ['DNS record', `/zones/${zone}/dns_records/${s.existing.dnsRecordId}`],
    ['certificate pack', `/zones/${zone}/ssl/certificate_packs/${s.existing.certificatePackId}`],
  ];

  it.each(deletes)('deleting an existing %s is recorded as a write and removes it', async (_what, path) => {
    const before = JSON.stringify(standIn.world);
    const answer = await call(standIn, 'DELETE', path, s.tokens.complete.value);
    expect([answer.status, answer.body.success]).toEqual([200, true]);
    expect(standIn.writes).toHaveLength(1);
    expect(standIn.writes[0]).toMatchObject({ method: 'DELETE', path: `/client/v4${path}`, status: 200, write: true });
    expect(JSON.stringify(standIn.world)).not.toBe(before);
    expect(codeOf(await call(standIn, 'DELETE', path, s.tokens.complete.value))).not.toBeNull();
  });

  it('probes at ids that cannot exist, and refused deletes, write nothing', async () => {
    const before = JSON.stringify(standIn.world);
    for (const [, path] of deletes) {
      await call(standIn, 'DELETE', path ?? '', fakeTokenValue('a stranger', 'cfut'));
      await call(standIn, 'DELETE', path ?? '', s.tokens.wrongAccount.value);
    }
    await call(standIn, 'DELETE', `/accounts/${acme}/workers/scripts/mk-probe-nope`, s.tokens.complete.value);
    await call(standIn, 'DELETE', dnsProbe, s.tokens.complete.value);
    expect(standIn.requests).toHaveLength(10);
    expect(standIn.writes).toEqual([]);
    expect(JSON.stringify(standIn.world)).toBe(before);
  });

  it.each(['POST', 'PUT', 'PATCH'])('any %s counts as a write attempt, whatever the answer', async (method) => {
    const answer = await call(standIn, method, `/zones/${zone}/dns_records`, s.tokens.complete.value);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(standIn.writes.map((w) => [w.method, w.write])).toEqual([[method, true]]);
  });
});

describe('the request log', () => {
  it('records method, path with query, status, time and token id, never the token', async () => {
    await call(standIn, 'GET', '/zones?name=example.com', s.tokens.complete.value);
    await call(standIn, 'GET', '/user/tokens/verify', null);
    expect(standIn.requests).toHaveLength(2);
    expect(Object.keys(standIn.requests[0] ?? {}).sort()).toEqual(['method', 'ms', 'path', 'status', 'tokenId', 'write']);
    expect(standIn.requests[0]).toMatchObject({
      method: 'GET',
      path: '/client/v4/zones?name=example.com',
      status: 200,
      tokenId: s.tokens.complete.id,
      write: false,
    });
    expect(standIn.requests[0]?.ms).toBeGreaterThanOrEqual(0);
    expect(standIn.requests[1]).toMatchObject({ status: 400, tokenId: null });
  });

  it('never holds a token value, even one a client put in the URL', async () => {
    for (const value of allValues) {
      await call(standIn, 'GET', '/user/tokens/verify', value);
      await call(standIn, 'GET', `/accounts?token=${value}`, value);
    }
    const unknown = fakeTokenValue('unknown', 'cfut');
    await call(standIn, 'GET', `/user/tokens/verify?cf=${unknown}`, unknown);
    const log = JSON.stringify([standIn.requests, standIn.writes, seen]);
    for (const value of [...allValues, unknown]) expect(log).not.toContain(value);
    expect(log).toContain('/client/v4/accounts?token=[redacted]');
    expect((await admin('GET', '/requests')).json.requests).toHaveLength(standIn.requests.length);
    expect(JSON.stringify((await admin('GET', '/requests')).json)).not.toContain(s.tokens.complete.value);
  });

  it('reports each finished exchange to onRequest', async () => {
    await call(standIn, 'GET', '/user/tokens/verify', s.tokens.complete.value);
    expect(seen).toEqual([expect.objectContaining({ path: '/client/v4/user/tokens/verify', status: 200 })]);
  });
});

describe('admin surface', () => {
  it('lists tokens by id with what each lacks, never their values', async () => {
    const { status, json } = await admin('GET', '/tokens');
    expect(status).toBe(200);
    const byId = new Map(json.tokens.map((t: { id: string }) => [t.id, t]));
    expect(byId.get(s.tokens.complete.id)).toMatchObject({ missing: [], status: 'active', kind: 'user' });
    expect(byId.get(s.tokens.missingDnsEdit.id)).toMatchObject({ missing: ['dns:edit'] });
    expect(byId.get(s.tokens.wrongAccount.id)).toMatchObject({ accounts: [s.otherAccount.id] });
    expect(byId.get(s.tokens.expired.id)).toMatchObject({ status: 'expired' });
    expect(byId.get(s.tokens.accountOwned.id)).toMatchObject({ kind: 'account', missing: [] });
    for (const value of allValues) expect(JSON.stringify(json)).not.toContain(value);
  });

  it('grant and revoke by id change the answers, and stay out of the request log', async () => {
    const { id, value } = s.tokens.missingDnsEdit;
    const granted = await admin('POST', `/tokens/${id}/grant?permission=dns:edit`);
    expect([granted.status, granted.json.token.missing]).toEqual([200, []]);
    expect(codeOf(await call(standIn, 'DELETE', dnsProbe, value))).toBe(81044);
    expect((await admin('POST', `/tokens/${id}/revoke?permission=dns:edit`)).json.token.missing).toEqual(['dns:edit']);
    expect(codeOf(await call(standIn, 'DELETE', dnsProbe, value))).toBe(9109);
    expect(standIn.requests.map((r) => r.path)).toEqual([`/client/v4${dnsProbe}`, `/client/v4${dnsProbe}`]);
  });

  it('patches a token and queues faults', async () => {
    const { id, value } = s.tokens.complete;
    expect((await admin('PATCH', `/tokens/${id}`, { status: 'disabled' })).json.token.status).toBe('disabled');
    expect((await call(standIn, 'GET', '/user/tokens/verify', value)).body.result.status).toBe('disabled');
    expect((await admin('POST', '/faults', { kind: 'status', status: 503 })).status).toBe(200);
    expect((await call(standIn, 'GET', '/user/tokens/verify', value)).status).toBe(503);
  });

  it.each([
    ['an unknown permission', 'POST', `/tokens/${s.tokens.complete.id}/grant?permission=dns:own`, 400],
    ['an unknown token', 'POST', `/tokens/${absent}/grant?permission=dns:edit`, 404],
    ['the token value in place of its id', 'POST', `/tokens/${s.tokens.complete.value}/revoke?permission=dns:edit`, 404],
    ['a patch of the value', 'PATCH', `/tokens/${s.tokens.complete.id}`, 400],
    ['an unknown route', 'GET', '/nothing', 404],
  ])('refuses %s', async (_what, method, path, status) => {
    const answer = await admin(method, path, method === 'PATCH' ? { value: 'x' } : undefined);
    expect(answer.status).toBe(status);
    expect(JSON.stringify(answer.json)).not.toContain(s.tokens.complete.value);
  });
});
