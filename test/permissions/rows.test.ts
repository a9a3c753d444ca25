import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/target.js';
import { PERMISSION_ROWS, isRequired, needsAdvancedCertificate, rowsFor, type Placement } from '../../src/permissions/rows.js';
import { templateUrl, tokenName } from '../../src/permissions/template-url.js';
import { lackedByWorkersTemplate } from '../../src/permissions/workers-template.js';

const ids = (target: Placement) => rowsFor(target).map((r) => r.id);

describe('rowsFor: the rows a first deploy needs', () => {
  it.each([
    [{ domain: null, domainStyle: 'flat' }, ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit']],
    [{ domain: null, domainStyle: 'nested' }, ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit']],
    [{ domain: 'example.com', domainStyle: 'flat' }, ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit', 'dns-edit', 'zone-read', 'workers-routes-read']],
    [
      { domain: 'example.com', domainStyle: 'nested' },
      ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit', 'dns-edit', 'zone-read', 'ssl-edit', 'workers-routes-read'],
    ],
    // Flat on a subdomain of its zone: two labels below the apex, beyond Universal SSL.
    [
      { domain: 'app.example.com', domainStyle: 'flat', zoneApex: 'example.com' },
      ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit', 'dns-edit', 'zone-read', 'ssl-edit', 'workers-routes-read'],
    ],
    // The same domain when it is a zone of its own: one label below, covered.
    [
      { domain: 'app.example.com', domainStyle: 'flat', zoneApex: 'app.example.com' },
      ['workers-scripts-edit', 'account-settings-read', 'workers-kv-edit', 'dns-edit', 'zone-read', 'workers-routes-read'],
    ],
  ] as const)('%j', (target, expected) => expect(ids(target)).toEqual(expected));

describe('needsAdvancedCertificate: the host against its zone apex', () => {
  it.each([
    ['example.com', 'flat', 'example.com', false],
    ['example.com', 'nested', 'example.com', true],
    ['app.example.com', 'flat', 'example.com', true],
    ['app.example.com', 'flat', 'app.example.com', false],
    ['app.example.com', 'nested', 'example.com', true],
    ['example.co.uk', 'flat', 'example.co.uk', false],
    // The zone not known yet: a flat host on three labels may need it (then "not checked", never passed).
    ['app.example.com', 'flat', null, true],
    ['example.com', 'flat', null, false],
  ] as const)('%s %s in zone %s: %s', (domain, domainStyle, zoneApex, expected) => {
    expect(needsAdvancedCertificate({ domain, domainStyle, zoneApex })).toBe(expected);
  });
});
});

describe('isRequired', () => {
  const nested: Target = { domain: 'example.com', domainStyle: 'nested', purpose: 'deploy', slug: 'acme' };
  it('a redeploy needs only Workers Scripts: Edit', () => {
    const required = PERMISSION_ROWS.filter((r) => isRequired(r, { ...nested, purpose: 'redeploy' })).map((r) => r.id);
    expect(required).toEqual(['workers-scripts-edit']);
  });
  it('a nested first deploy needs all six; the seventh, Workers Routes: Read, is recommended, never required', () => {
    expect(PERMISSION_ROWS.filter((r) => isRequired(r, nested)).map((r) => r.id)).toEqual([
      'workers-scripts-edit',
      'account-settings-read',
      'workers-kv-edit',
      'dns-edit',
      'zone-read',
      'ssl-edit',
    ]);
    expect(PERMISSION_ROWS.find((r) => r.id === 'workers-routes-read')).toMatchObject({ recommended: true, type: 'Zone', resource: 'Workers Routes', action: 'Read' });
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
      { key: 'workers_routes', type: 'read' },
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

describe('what the "Edit Cloudflare Workers" template lacks', () => {
  const lacked = (domain: string | null, domainStyle: 'flat' | 'nested') =>
    lackedByWorkersTemplate(rowsFor({ domain, domainStyle })).map((r) => r.id);
  it.each<[string, string | null, 'flat' | 'nested', string[]]>([
    ['*.workers.dev', null, 'flat', []],
    ['flat', 'example.com', 'flat', ['dns-edit', 'zone-read']],
    ['nested', 'example.com', 'nested', ['dns-edit', 'zone-read', 'ssl-edit']],
  ])('%s: %j', (_n, domain, style, ids) => expect(lacked(domain, style)).toEqual(ids));

  it('a Read row is granted by the template holding its Write (Workers Routes Write covers Workers Routes Read)', () => {
    const routes = { ...PERMISSION_ROWS[0]!, apiGroup: { name: 'Workers Routes Read', id: null } };
    const pages = { ...PERMISSION_ROWS[0]!, apiGroup: { name: 'Page Rules Read', id: null } };
    expect(lackedByWorkersTemplate([routes, pages])).toEqual([pages]);
  });
});
