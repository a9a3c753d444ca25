import { describe, expect, it } from 'vitest';
import { freeName, matchGroups, oneYearFrom, parseExpiry, policiesFor } from '../../src/create/policies.js';
import { PERMISSION_ROWS, rowsFor } from '../../src/permissions/rows.js';

const ACCOUNT = 'a'.repeat(32);
const ZONE = 'b'.repeat(32);
const now = new Date('2026-11-27T12:00:00Z');
const listed = PERMISSION_ROWS.map((r, i) => ({ id: String(i).padStart(32, '0'), name: r.apiGroup.name, scopes: [r.type === 'Zone' ? 'com.cloudflare.api.account.zone' : 'com.cloudflare.api.account'] }));

describe('matchGroups: ids from the live list, by API name', () => {
  it('every row found, ids from the list (not the published table)', () => {
    const match = matchGroups(rowsFor({ domain: 'example.com', domainStyle: 'nested' }), listed);
    expect(match.ok && match.groups.map((g) => g.id)).toEqual(listed.map((g) => g.id));
  });
  it('a name Cloudflare does not list is reported', () => {
    const match = matchGroups(rowsFor({ domain: null, domainStyle: 'flat' }), listed.filter((g) => g.name !== 'Workers KV Storage Write'));
    expect(match).toEqual({ ok: false, missing: ['Workers KV Storage Write'] });
  });
  it('two groups of one name: the scope that fits the row wins', () => {
    const row = PERMISSION_ROWS.find((r) => r.id === 'dns-edit');
    if (!row) throw new Error('no DNS row');
    const twins = [
      { id: '1'.repeat(32), name: 'DNS Write', scopes: ['com.cloudflare.api.account'] },
      { id: '2'.repeat(32), name: 'DNS Write', scopes: ['com.cloudflare.api.account.zone'] },
    ];
    expect(matchGroups([row], twins)).toEqual({ ok: true, groups: [{ row, id: '2'.repeat(32) }] });
  });
});

describe('policiesFor', () => {
  const match = matchGroups(rowsFor({ domain: 'example.com', domainStyle: 'flat' }), listed);
  const groups = match.ok ? match.groups : [];
  it.each([
    ['account zones', { kind: 'account-zones' } as const, { [`com.cloudflare.api.account.${ACCOUNT}`]: { 'com.cloudflare.api.account.zone.*': '*' } }],
    ['one zone', { kind: 'zone', zoneId: ZONE } as const, { [`com.cloudflare.api.account.zone.${ZONE}`]: '*' }],
  ])('%s: one account policy, one zone policy', (_what, zone, zoneResources) => {
    const [account, zonePolicy, more] = policiesFor(groups, ACCOUNT, zone);
    expect(account?.resources).toEqual({ [`com.cloudflare.api.account.${ACCOUNT}`]: '*' });
    expect(account?.permission_groups).toHaveLength(3);
    expect(zonePolicy?.resources).toEqual(zoneResources);
    expect(more).toBeUndefined();
  });
  it('*.workers.dev: no zone policy at all', () => {
    expect(policiesFor(groups, ACCOUNT, { kind: 'none' })).toHaveLength(1);
  });
});

describe('names and dates', () => {
  it.each([
    [[], 'mastrakit-acme-deploy'],
    [['mastrakit-acme-deploy'], 'mastrakit-acme-deploy-2'],
    [['mastrakit-acme-deploy', 'mastrakit-acme-deploy-2'], 'mastrakit-acme-deploy-3'],
    [['mastrakit-acme-deploy-2'], 'mastrakit-acme-deploy'],
  ])('taken %j → %s', (taken, name) => expect(freeName('mastrakit-acme-deploy', taken)).toBe(name));
  it('one year from now', () => expect(oneYearFrom(now).toISOString()).toBe('2027-11-27T12:00:00.000Z'));
  it.each([
    ['2027-06-30', true],
    ['2026-11-27', false],
    ['2027-02-30', false],
    ['2032-01-01', false],
    ['next year', false],
  ])('expiry %s accepted: %s', (input, ok) => expect(parseExpiry(input, now).ok).toBe(ok));
});
