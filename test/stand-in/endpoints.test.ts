import { describe, expect, it } from 'vitest';
import { fakeHex32, sampleWorld, startStandIn, type SampleTokenName } from '../../src/stand-in/index.js';
import { call, codeOf } from './http.js';
import { useStandIn } from '../support/stand-in.js';

const s = sampleWorld();
const acme = s.account.id;
const zone = s.zone.id;
const absent = fakeHex32('an id that exists nowhere');
const uuid = '0b7bc46c-6a8e-4b5d-9bb3-6c0e4c2b8a51';

const standIn = useStandIn({ world: s.world });

describe('endpoints × held or missing permission', () => {
  it.each<[string, string, string, SampleTokenName, number, number | null]>([
    // [what, method, path, token, status, first error code]
    ['verify, active user token', 'GET', '/user/tokens/verify', 'complete', 200, null],
    // What `wrangler whoami` asks first (the bench runs it): a deploy token holds neither right.
    ['user details, a deploy token', 'GET', '/user', 'complete', 403, 9109],
    ['memberships, a deploy token', 'GET', '/memberships', 'complete', 403, 9109],
    ['account, any account permission', 'GET', `/accounts/${acme}`, 'missingAccountSettingsRead', 200, null],
    ['account, excluded from Account Resources', 'GET', `/accounts/${acme}`, 'wrongAccount', 403, 9109],
    ['account that does not exist', 'GET', `/accounts/${absent}`, 'allAccounts', 403, 9109],
    ['members, Account Settings Read held', 'GET', `/accounts/${acme}/members?per_page=5`, 'complete', 200, null],
    ['members, Account Settings Read missing', 'GET', `/accounts/${acme}/members?per_page=5`, 'missingAccountSettingsRead', 403, 9109],
    ['members, other account', 'GET', `/accounts/${acme}/members?per_page=5`, 'wrongAccount', 403, 9109],
    ['members, account-owned token', 'GET', `/accounts/${acme}/members?per_page=5`, 'accountOwned', 200, null],
    ['script delete, Workers Scripts Edit held', 'DELETE', `/accounts/${acme}/workers/scripts/mk-probe-nope`, 'complete', 404, 10007],
    ['script delete, missing', 'DELETE', `/accounts/${acme}/workers/scripts/mk-probe-nope`, 'missingWorkersScriptsEdit', 403, 10000],
    ['script delete, other account', 'DELETE', `/accounts/${acme}/workers/scripts/mk-probe-nope`, 'wrongAccount', 403, 10000],
    ['script delete, existing script but no permission', 'DELETE', `/accounts/${acme}/workers/scripts/existing-worker`, 'missingWorkersScriptsEdit', 403, 10000],
    ['KV delete, KV Edit held', 'DELETE', `/accounts/${acme}/storage/kv/namespaces/${absent}`, 'complete', 404, 10013],
    ['KV delete, missing', 'DELETE', `/accounts/${acme}/storage/kv/namespaces/${absent}`, 'missingKvEdit', 405, 10000],
    ['KV delete, malformed id', 'DELETE', `/accounts/${acme}/storage/kv/namespaces/not-an-id`, 'complete', 400, 10011],
    ['KV delete, malformed id, permission checked first', 'DELETE', `/accounts/${acme}/storage/kv/namespaces/not-an-id`, 'missingKvEdit', 405, 10000],
    ['zone lookup, Zone Read held', 'GET', '/zones?name=example.com', 'complete', 200, null],
    // The lookup shows a zone to any zone permission on it (DNS-only tokens find their zone).
    ['zone lookup, no Zone Read but DNS Edit', 'GET', '/zones?name=example.com', 'missingZoneRead', 200, null],
    ['zone lookup, no zone permission at all', 'GET', '/zones?name=example.com', 'noZonePermissions', 403, 9109],
    ['zone details, held', 'GET', `/zones/${zone}`, 'complete', 200, null],
    // About forty groups read the zone itself: DNS Edit does, so this proves nothing about Zone Read.
    ['zone details, no Zone Read but DNS Edit', 'GET', `/zones/${zone}`, 'missingZoneRead', 200, null],
    ['zone details, no zone permission at all', 'GET', `/zones/${zone}`, 'noZonePermissions', 403, 9109],
    ['zone details, zone of another account', 'GET', `/zones/${zone}`, 'wrongAccount', 403, 9109],
    ['Zone Read probe, held', 'GET', `/zones/${zone}/settings/origin_max_http_version`, 'complete', 200, null],
    ['Zone Read probe, DNS and SSL Edit are not enough', 'GET', `/zones/${zone}/settings/origin_max_http_version`, 'missingZoneRead', 403, 9109],
    ['Zone Read probe, zone of another account', 'GET', `/zones/${zone}/settings/origin_max_http_version`, 'wrongAccount', 403, 9109],
    ['DNS delete, DNS Edit held', 'DELETE', `/zones/${zone}/dns_records/${absent}`, 'complete', 404, 81044],
    ['DNS delete, DNS Read only is not enough', 'DELETE', `/zones/${zone}/dns_records/${absent}`, 'missingDnsEdit', 403, 9109],
    ['certificate pack delete, SSL Edit held', 'DELETE', `/zones/${zone}/ssl/certificate_packs/${absent}`, 'complete', 404, 1404],
    ['certificate pack delete, missing', 'DELETE', `/zones/${zone}/ssl/certificate_packs/${absent}`, 'missingSslEdit', 403, 9109],
    // The official contract limits these ids to 32 characters: a UUID with dashes (36) is refused.
    ['certificate pack delete, a 36-character id', 'DELETE', `/zones/${zone}/ssl/certificate_packs/${uuid}`, 'complete', 400, 1004],
    ['DNS delete, a 33-character id', 'DELETE', `/zones/${zone}/dns_records/${absent}0`, 'complete', 400, 1004],
  ])('%s', async (_what, method, path, tokenName, status, code) => {
    const answer = await call(standIn, method, path, s.tokens[tokenName].value);
    expect(answer.status).toBe(status);
    expect(answer.contentType).toBe('application/json');
    expect(answer.body.success).toBe(status === 200);
    expect(codeOf(answer)).toBe(code);
    expect(answer.body.result === null).toBe(status !== 200);
  });

  it('a zone without Advanced Certificate Manager: certificate packs refused with 1450 after the permission check', async () => {
    const own = sampleWorld();
    const z = own.world.zones.find((x) => x.id === zone);
    if (z) z.advancedCertificateManager = false;
    const acmless = await startStandIn({ world: own.world });
    try {
      const path = `/zones/${zone}/ssl/certificate_packs/${absent}`;
      const held = await call(acmless, 'DELETE', path, s.tokens.complete.value);
      expect([held.status, codeOf(held)]).toEqual([403, 1450]);
      const missing = await call(acmless, 'DELETE', path, s.tokens.missingSslEdit.value);
      expect([missing.status, codeOf(missing)]).toEqual([403, 9109]);
    } finally {
      await acmless.close();
    }
  });

  it('verify answers the token id and the "valid and active" message', async () => {
    const answer = await call(standIn, 'GET', '/user/tokens/verify', s.tokens.complete.value);
    expect(answer.body.result).toEqual({ id: s.tokens.complete.id, status: 'active' });
    expect(answer.body.messages).toEqual([{ code: 10000, message: 'This API Token is valid and active' }]);
  });

  it('account details carry id, name, settings and created_on', async () => {
    const { body } = await call(standIn, 'GET', `/accounts/${acme}`, s.tokens.complete.value);
    expect(body.result).toMatchObject({ id: acme, name: 'Acme Corp', settings: expect.any(Object), created_on: expect.any(String) });
  });

  it('the zone lookup finds example.com in Acme and nothing for another name', async () => {
    const found = await call(standIn, 'GET', '/zones?name=example.com', s.tokens.complete.value);
    expect(found.body.result.map((z: { id: string }) => z.id)).toEqual([zone]);
    expect(found.body.result[0].account).toEqual({ id: acme, name: 'Acme Corp' });
    expect(found.body.result_info).toMatchObject({ page: 1, count: 1, total_count: 1 });
    const none = await call(standIn, 'GET', '/zones?name=not-there.example', s.tokens.complete.value);
    expect([none.status, none.body.result]).toEqual([200, []]);
  });

  it('a token with Zone Read on another account’s zone gets an empty list, not the zone', async () => {
    const answer = await call(standIn, 'GET', '/zones?name=example.com', s.tokens.wrongAccount.value);
    expect([answer.status, answer.body.result]).toEqual([200, []]);
  });

  it('members come back with emails, paged', async () => {
    const { body } = await call(standIn, 'GET', `/accounts/${acme}/members?per_page=5`, s.tokens.complete.value);
    expect(body.result.map((m: { user: { email: string } }) => m.user.email)).toEqual(['ada@example.com', 'alan@example.com']);
    expect(body.result_info).toEqual({ page: 1, per_page: 5, count: 2, total_count: 2, total_pages: 1 });
  });

  it.each<[SampleTokenName, string[]]>([
    ['complete', ['Acme Corp']],
    ['wrongAccount', ['Other Corp']],
    ['allAccounts', ['Acme Corp', 'Other Corp']],
    ['accountOwned', ['Acme Corp']],
  ])('GET /accounts as %s lists %j', async (tokenName, names) => {
    const { status, body } = await call(standIn, 'GET', '/accounts', s.tokens[tokenName].value);
    expect(status).toBe(200);
    expect(body.result.map((a: { name: string }) => a.name)).toEqual(names);
    expect(body.result_info).toMatchObject({ count: names.length, total_count: names.length });
  });

  it('zone permissions on "all zones" follow the included accounts', async () => {
    const answer = await call(standIn, 'GET', '/zones?per_page=50', s.tokens.allAccounts.value);
    expect(answer.body.result.map((z: { name: string }) => z.name).sort()).toEqual(['example.com', 'other.example']);
  });
});

describe('routing', () => {
  it.each([
    ['an unknown path', 'GET', '/no/such/thing', 404, 7003],
    ['an account id that is not 32 hex', 'GET', '/accounts/acme', 404, 7003],
    ['a zone id that is not 32 hex', 'DELETE', '/zones/example.com/dns_records/x', 404, 7003],
    ['a method a known path does not serve', 'GET', `/zones/${zone}/dns_records/${absent}`, 405, 7001],
    ['a write method on a known path', 'POST', '/zones', 405, 7001],
  ])('%s: %s %s → %i / %i', async (_what, method, path, status, code) => {
    const answer = await call(standIn, method, path, s.tokens.complete.value);
    expect([answer.status, codeOf(answer)]).toEqual([status, code]);
  });

  it('says which path could not be routed', async () => {
    const answer = await call(standIn, 'GET', '/nope?x=1', s.tokens.complete.value);
    expect(answer.body.errors[0].message).toBe('Could not route to /nope, perhaps your object identifier is invalid?');
  });

  it('routes before it authenticates', async () => {
    const answer = await call(standIn, 'GET', '/nope', null);
    expect(codeOf(answer)).toBe(7003);
  });

  it('nothing outside /client/v4', async () => {
    const res = await fetch(`http://127.0.0.1:${standIn.port}/user/tokens/verify`, {
      headers: { authorization: `Bearer ${s.tokens.complete.value}` },
    });
    expect(res.status).toBe(404);
  });
});

describe('paging limits', () => {
  it.each([
    ['/accounts?per_page=4', 400],
    ['/accounts?per_page=5', 200],
    ['/accounts?per_page=50', 200],
    ['/accounts?per_page=51', 400],
    ['/accounts?per_page=abc', 400],
    ['/accounts?page=0', 400],
    ['/accounts?page=1.5', 400],
    ['/accounts?page=3', 200],
    [`/accounts/${acme}/members?per_page=100`, 400],
    [`/accounts/${acme}/members?per_page=2`, 400],
    ['/zones?name=example.com&per_page=2', 400],
    ['/zones?name=example.com&page=2&per_page=5', 200],
  ])('%s → %i', async (path, status) => {
    const answer = await call(standIn, 'GET', path, s.tokens.allAccounts.value);
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body.success).toBe(false);
  });

  it('checks permission before the paging values', async () => {
    const answer = await call(standIn, 'GET', `/accounts/${acme}/members?per_page=100`, s.tokens.missingAccountSettingsRead.value);
    expect([answer.status, codeOf(answer)]).toEqual([403, 9109]);
  });

  it('pages through more accounts than fit one page', async () => {
    const world = sampleWorld().world;
    for (let i = 0; i < 5; i++) world.accounts.push({ id: fakeHex32(`extra account ${i}`), name: `Extra ${i}` });
    const many = await startStandIn({ world });
    try {
      const token = s.tokens.allAccounts.value;
      const first = await call(many, 'GET', '/accounts?per_page=5', token);
      const second = await call(many, 'GET', '/accounts?per_page=5&page=2', token);
      expect(first.body.result_info).toEqual({ page: 1, per_page: 5, count: 5, total_count: 7, total_pages: 2 });
      expect(second.body.result_info).toEqual({ page: 2, per_page: 5, count: 2, total_count: 7, total_pages: 2 });
      const ids = [...first.body.result, ...second.body.result].map((a: { id: string }) => a.id);
      expect(new Set(ids).size).toBe(7);
    } finally {
      await many.close();
    }
  });
});
