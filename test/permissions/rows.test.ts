import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/checks/types.js';
import { PERMISSION_ROWS, isRequired, rowsFor } from '../../src/permissions/rows.js';
import { templateUrl, tokenName } from '../../src/permissions/template-url.js';

const ids = (target: Pick<Target, 'domain' | 'domainStyle'>) => rowsFor(target).map((r) => r.id);

describe('rowsFor: the rows a first deploy needs', () => {
  it.each([
    [{ domain: null, domainStyle: 'flat' }, ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit']],
    [{ domain: null, domainStyle: 'nested' }, ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit']],
    [{ domain: 'example.com', domainStyle: 'flat' }, ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit', 'dns-edit', 'zone-read']],
    [
      { domain: 'example.com', domainStyle: 'nested' },
      ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit', 'dns-edit', 'zone-read', 'ssl-edit'],
    ],
  ] as const)('%j', (target, expected) => expect(ids(target)).toEqual(expected));
});

describe('isRequired', () => {
  const nested: Target = { domain: 'example.com', domainStyle: 'nested', purpose: 'deploy' };
  it('a redeploy needs only Workers Scripts: Edit', () => {
    const required = PERMISSION_ROWS.filter((r) => isRequired(r, { ...nested, purpose: 'redeploy' })).map((r) => r.id);
    expect(required).toEqual(['workers-scripts-edit']);
  });
  it('a nested first deploy needs all six', () => {
    expect(PERMISSION_ROWS.filter((r) => isRequired(r, nested))).toHaveLength(6);
  });
});

describe('the docs page keys', () => {
  it.each([
    ['workers-scripts-edit', 'com.cloudflare.api.account.worker.script.write', 'Add `Workers Scripts: Edit` to the token.'],
    ['dns-edit', 'com.cloudflare.edge.dns.write', "Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain."],
    [
      'ssl-edit',
      'com.cloudflare.api.account.zone.ssl-cert.write',
      'Add `SSL and Certificates: Edit`. Only needed if your `mastrakit.config.json` has `domainStyle: "nested"` (using Cloudflare Advanced Certificate Manager).',
    ],
  ])('%s is %s', (id, key, fix) => {
    const row = PERMISSION_ROWS.find((r) => r.id === id);
    expect(row?.key).toBe(key);
    expect(row?.fix).toBe(fix);
  });
});

describe('templateUrl', () => {
  it('pre-fills the permission groups, all accounts and zones, and the name', () => {
    const url = new URL(templateUrl(rowsFor({ domain: 'example.com', domainStyle: 'flat' }), tokenName('acme')));
    expect(url.origin + url.pathname).toBe('https://dash.cloudflare.com/profile/api-tokens');
    expect(JSON.parse(url.searchParams.get('permissionGroupKeys') ?? '')).toEqual([
      { key: 'workers_scripts', type: 'edit' },
      { key: 'account_settings', type: 'read' },
      { key: 'workers_kv_storage', type: 'edit' },
      { key: 'dns', type: 'edit' },
      { key: 'zone', type: 'read' },
    ]);
    expect(url.searchParams.get('accountId')).toBe('*');
    expect(url.searchParams.get('zoneId')).toBe('all');
    expect(url.searchParams.get('name')).toBe('mastrakit-acme-deploy');
  });
  it('holds just the rows given (the missing ones, after a failed check)', () => {
    const dns = PERMISSION_ROWS.filter((r) => r.id === 'dns-edit');
    const url = new URL(templateUrl(dns, 'mastrakit-acme-deploy'));
    expect(JSON.parse(url.searchParams.get('permissionGroupKeys') ?? '')).toEqual([{ key: 'dns', type: 'edit' }]);
  });
});
