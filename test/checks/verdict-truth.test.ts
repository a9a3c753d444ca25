import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ipRefusal } from '../../src/checks/ip-refusal.js';
import { main } from '../../src/main.js';
import { sampleWorld, type SampleTokenName } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { useStandIn } from '../support/stand-in.js';

// Probes that Cloudflare's official contract and its token-group annotations contradicted (issue 7):
// each case runs `doctor` in-process through main() against the stand-in, which models the evidence.
const sample = sampleWorld();
const ACME = sample.account.id;
const standIn = useStandIn({ world: sample.world }, { clearFaults: true });
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function doctor(token: SampleTokenName, ...flags: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-verdict-'));
  dirs.push(dir);
  const env = { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CLOUDFLARE_API_TOKEN: sample.tokens[token].value, CF_ACCOUNT_ID: ACME };
  const deps = testDeps({ env, cwd: dir });
  const before = standIn.requests.length;
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--cwd', dir, '--domain', 'example.com', '--domain-style', 'nested', ...flags], deps);
  const requests = standIn.requests.slice(before);
  expect(standIn.writes).toEqual([]);
  return { code, lines: deps.out().split('\n'), err: deps.err(), requests };
}

const hits = (requests: { method: string; path: string }[], method: string, part: string) =>
  requests.filter((r) => r.method === method && r.path.includes(part));

describe('every id in a path meets the official parameter schema', () => {
  it('the certificate pack probe: 32 lowercase hex (a UUID is 36, beyond the contract), so nested gets a verdict', async () => {
    const run = await doctor('complete');
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ SSL and Certificates: Edit');
    const [pack] = hits(run.requests, 'DELETE', '/ssl/certificate_packs/');
    expect(pack?.path).toMatch(/\/ssl\/certificate_packs\/[0-9a-f]{32}$/);
  });

  it('every probe id: at most 32 characters, hex, or a Worker name the contract allows', async () => {
    const run = await doctor('complete');
    const ids = run.requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop() ?? '');
    expect(ids).toHaveLength(4);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(40);
      expect(id).toMatch(/^(?:[0-9a-f]{32}|mastrakit-probe-[0-9a-f]{24})$/);
      if (!id.startsWith('mastrakit-probe-')) expect(id).toHaveLength(32);
    }
  });
});

describe('Zone: Read is proven by a zone setting, not by the zone itself', () => {
  it('DNS Edit without Zone Read: the zone is found (any zone permission lists it), and Zone: Read is missing', async () => {
    const run = await doctor('missingZoneRead');
    expect(run.code).toBe(1);
    expect(run.lines).toContain('❌ missing permission: com.cloudflare.api.account.zone.read');
    expect(run.lines).toContain('✔ DNS: Edit');
    expect(run.lines).toContain('✔ SSL and Certificates: Edit');
    // The lookup finds the zone; the proof is the setting; GET /zones/{z} (about forty groups read it) is not asked.
    expect(hits(run.requests, 'GET', '/zones?name=example.com')).toHaveLength(1);
    expect(hits(run.requests, 'GET', '/settings/origin_max_http_version').length).toBeGreaterThan(0);
    expect(run.requests.some((r) => /^\/client\/v4\/zones\/[0-9a-f]{32}$/.test(r.path))).toBe(false);
  });

  it('Zone Read held: ✔ with the zone name', async () => {
    const run = await doctor('complete');
    expect(run.lines).toContain('✔ Zone: Read (zone example.com)');
  });
});

describe('Client IP Address Filtering met after verify', () => {
  it('one ❌ line naming the address, the rows not checked, exit 1', async () => {
    const run = await doctor('ipRestrictedAfterVerify');
    expect(run.code).toBe(1);
    const shown = run.lines.filter((l) => /^(✔|❌|⚠)/.test(l));
    expect(shown).toEqual([
      '✔ token is active (no expiry)',
      '❌ token cannot be used from this address (127.0.0.1)',
      '⚠ not checked: Workers Scripts: Edit (the token cannot be used from this address)',
      '⚠ not checked: Account Settings: Read (the token cannot be used from this address)',
      '⚠ not checked: Workers KV Storage: Edit (the token cannot be used from this address)',
      '⚠ not checked: DNS: Edit (the token cannot be used from this address)',
      '⚠ not checked: Zone: Read (the token cannot be used from this address)',
      '⚠ not checked: SSL and Certificates: Edit (the token cannot be used from this address)',
      '⚠ not checked: Workers Routes: Read (the token cannot be used from this address)',
    ]);
    expect(run.lines.join('\n')).not.toContain('missing permission');
  });

  it('--json: the check carries status fail, and nothing is missing', async () => {
    const run = await doctor('ipRestrictedAfterVerify', '--json');
    const doc = JSON.parse(run.lines.join('\n'));
    expect(doc.ok).toBe(false);
    expect(doc.missing).toEqual([]);
    expect(doc.checks.find((c: { id: string }) => c.id === 'client-ip')).toMatchObject({ status: 'fail', message: '❌ token cannot be used from this address (127.0.0.1)' });
  });

  it.each([
    ['Cannot use the access token from location: 198.51.100.4', '198.51.100.4'],
    ['Cannot use the access token from location: 2001:db8::1', '2001:db8::1'],
    // Server text: only an address's characters are kept, so no escape sequence reaches the terminal.
    ['Cannot use the access token from location: 198.51.100.4\u001b[2J\u0007', '198.51.100.4'],
    ['Cannot use the access token from location: \u001b]0;pwned\u0007', 'an address Cloudflare did not name'],
  ])('the address read from %j is %j', (message, shown) => {
    expect(ipRefusal({ errors: [{ code: 9109, message }] })).toBe(shown);
  });

  it('only code 9109 with a location is an IP refusal', () => {
    expect(ipRefusal({ errors: [{ code: 9109, message: 'Unauthorized to access requested resource' }] })).toBeNull();
    expect(ipRefusal({ errors: [{ code: 10000, message: 'Cannot use the access token from location: 198.51.100.4' }] })).toBeNull();
  });
});

describe('an entitlement refusal is not a missing permission', () => {
  it('a zone without Advanced Certificate Manager: SSL could not be checked (status error), exit 3', async () => {
    const zone = standIn.world.zones.find((z) => z.id === sample.zone.id);
    if (!zone) throw new Error('no sample zone');
    zone.advancedCertificateManager = false;
    try {
      const run = await doctor('complete');
      expect(run.code).toBe(3);
      expect(run.lines).toContain(
        '⚠ could not check SSL and Certificates: Edit (HTTP 403, code 1450: Advanced Certificate Manager is not enabled for this zone)',
      );
      expect(run.lines.join('\n')).not.toContain('missing permission');
      const json = await doctor('complete', '--json');
      expect(JSON.parse(json.lines.join('\n')).checks.find((c: { id: string }) => c.id === 'ssl-edit').status).toBe('error');
    } finally {
      zone.advancedCertificateManager = undefined;
    }
  });

  it('a real failure wins over it: exit 1', async () => {
    const zone = standIn.world.zones.find((z) => z.id === sample.zone.id);
    if (!zone) throw new Error('no sample zone');
    zone.advancedCertificateManager = false;
    try {
      const run = await doctor('missingDnsEdit');
      expect(run.code).toBe(1);
      expect(run.lines).toContain('❌ missing permission: com.cloudflare.edge.dns.write');
      expect(run.lines.some((l) => l.startsWith('⚠ could not check SSL and Certificates: Edit'))).toBe(true);
    } finally {
      zone.advancedCertificateManager = undefined;
    }
  });
});

describe('a refusal is asked once more before a row is called missing', () => {
  it('a valid token refused once (10000 / 401) on a probe: asked again, and held', async () => {
    standIn.fault({ kind: 'auth-flake', path: '/dns_records/', times: 1 });
    const run = await doctor('complete');
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ DNS: Edit');
    expect(hits(run.requests, 'DELETE', '/dns_records/')).toHaveLength(2);
  });

  it('every probe refused once: all asked again together, every row held', async () => {
    standIn.fault({ kind: 'auth-flake', times: 6 });
    const run = await doctor('complete');
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ Zone: Read (zone example.com)');
    expect(run.requests.filter((r) => r.fault === 'auth-flake')).toHaveLength(6);
  });

  it('refused twice: missing', async () => {
    standIn.fault({ kind: 'auth-flake', path: '/dns_records/', times: 2 });
    const run = await doctor('complete');
    expect(run.code).toBe(1);
    expect(run.lines).toContain('❌ missing permission: com.cloudflare.edge.dns.write');
    expect(hits(run.requests, 'DELETE', '/dns_records/')).toHaveLength(2);
  });

  it('a token that holds every row asks nothing twice', async () => {
    const run = await doctor('complete');
    const paths = run.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24,32}(?=$|\?)/, '<id>')}`);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('the zone lookup refused once (10000 / 401): asked again, the zone found, Zone: Read proven', async () => {
    standIn.fault({ kind: 'auth-flake', path: '/zones?name=example.com', times: 1 });
    const run = await doctor('complete');
    expect(run.code).toBe(0);
    expect(run.lines).toContain('✔ Zone: Read (zone example.com)');
    expect(run.lines).toContain('✔ DNS: Edit');
    expect(hits(run.requests, 'GET', '/zones?name=example.com')).toHaveLength(2);
  });

  it('the zone lookup refused twice: Zone: Read missing', async () => {
    standIn.fault({ kind: 'auth-flake', path: '/zones?name=example.com', times: 2 });
    const run = await doctor('complete');
    expect(run.code).toBe(1);
    expect(run.lines).toContain('❌ missing permission: com.cloudflare.api.account.zone.read');
    expect(hits(run.requests, 'GET', '/zones?name=example.com')).toHaveLength(2);
  });

  // The account itself (`GET /accounts/{a}`), refused as a valid token is now and then (the stand-in's
  // auth-flake cannot aim at it alone: its path is a prefix of the members probe's), in front of the transport.
  async function doctorWithAccountRefused(times: number, refusal = { status: 401, code: 10000, message: 'Authentication error' }) {
    const dir = mkdtempSync(join(tmpdir(), 'mastrakit-verdict-'));
    dirs.push(dir);
    const env = { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CLOUDFLARE_API_TOKEN: sample.tokens.complete.value, CF_ACCOUNT_ID: ACME };
    const real = testDeps({ env }).fetch;
    let left = times;
    let asked = 0;
    const body = JSON.stringify({ success: false, errors: [{ code: refusal.code, message: refusal.message }], messages: [], result: null });
    const fetch: typeof real = async (url, init) => {
      if (!new URL(url).pathname.endsWith(`/accounts/${ACME}`)) return real(url, init);
      asked++;
      if (left-- <= 0) return real(url, init);
      return {
        status: refusal.status,
        headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
        body: (async function* () {
          yield new TextEncoder().encode(body);
        })(),
      };
    };
    const deps = testDeps({ env, cwd: dir, fetch });
    const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--cwd', dir, '--domain', 'example.com', '--domain-style', 'nested'], deps);
    return { code, lines: deps.out().split('\n'), asked };
  }

  it('the account refused once (10000 / 401): asked again, access and every row held', async () => {
    const run = await doctorWithAccountRefused(1);
    expect(run.code).toBe(0);
    expect(run.lines).toContain(`✔ token has access to account Acme Corp (${ACME})`);
    expect(run.lines).toContain('✔ Workers Scripts: Edit');
    expect(run.asked).toBe(2);
  });

  it('the account refused twice: no access', async () => {
    const run = await doctorWithAccountRefused(2);
    expect(run.code).toBe(1);
    expect(run.lines).toContain(`❌ token does not have access to account ${ACME}`);
    expect(run.asked).toBe(2);
  });

  it('the account answered with neither refusal code (400 / 1004 from a validating proxy): could not check, not "no access"', async () => {
    const run = await doctorWithAccountRefused(1, { status: 400, code: 1004, message: 'Invalid account identifier' });
    expect(run.code).toBe(3);
    expect(run.lines).not.toContain(`❌ token does not have access to account ${ACME}`);
    expect(run.lines).toContain('⚠ could not check account access (HTTP 400, code 1004: Invalid account identifier)');
    expect(run.lines).toContain(`⚠ not checked: Workers Scripts: Edit (account ${ACME} could not be checked)`);
    expect(run.asked).toBe(1);
  });

  it('a row really missing is asked twice, then reported', async () => {
    const run = await doctor('missingSslEdit');
    expect(run.code).toBe(1);
    expect(run.lines).toContain('❌ missing permission: com.cloudflare.api.account.zone.ssl-cert.write');
    expect(hits(run.requests, 'DELETE', '/ssl/certificate_packs/')).toHaveLength(2);
    expect(hits(run.requests, 'DELETE', '/dns_records/')).toHaveLength(1);
  });
});
