import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { routeHost, scanWranglerConfigs } from '../../src/project/wrangler-config.js';
import { accountDisagreements, wranglerFacts } from '../../src/project/wrangler-facts.js';

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const C = 'c'.repeat(32);
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-wrangler-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('scanWranglerConfigs: where and what', () => {
  it('reads the top level and [env.*] sections, with inheritance, in the folder and its subfolders', async () => {
    const dir = tree({
      'wrangler.toml': `name = "web"\naccount_id = "${A}"\nworkers_dev = false\nroutes = [{ pattern = "auth.example.com", custom_domain = true }]\n`,
      'api/wrangler.jsonc': `{\n  // the API\n  "account_id": "${B.toUpperCase()}",\n  "route": "api.example.com/*",\n  "env": { "staging": { "account_id": "${C}" }, "prod": { "routes": [{ "pattern": "x.example.org/*", "zone_name": "example.org" }] } },\n}\n`,
    });
    const scan = await scanWranglerConfigs(dir);
    expect(scan.warnings).toEqual([]);
    expect(scan.files).toEqual([
      {
        path: 'wrangler.toml',
        targets: [{ env: null, accountId: A, workersDev: false, routes: [{ pattern: 'auth.example.com', customDomain: true, zoneName: null, zoneId: null }] }],
      },
      {
        path: 'api/wrangler.jsonc',
        targets: [
          { env: null, accountId: B, workersDev: null, routes: [{ pattern: 'api.example.com/*', customDomain: false, zoneName: null, zoneId: null }] },
          { env: 'staging', accountId: C, workersDev: null, routes: [{ pattern: 'api.example.com/*', customDomain: false, zoneName: null, zoneId: null }] },
          { env: 'prod', accountId: B, workersDev: null, routes: [{ pattern: 'x.example.org/*', customDomain: false, zoneName: 'example.org', zoneId: null }] },
        ],
      },
    ]);
  });

  it("one file per folder, in wrangler's order (json, jsonc, toml); node_modules, dot-folders and deeper folders skipped", async () => {
    const dir = tree({
      'svc/wrangler.toml': `account_id = "${A}"\n`,
      'svc/wrangler.json': `{ "account_id": "${B}" }`,
      'node_modules/x/wrangler.toml': `account_id = "${C}"\n`,
      'node_modules/wrangler.toml': `account_id = "${C}"\n`,
      '.hidden/wrangler.toml': `account_id = "${C}"\n`,
      'a/b/wrangler.toml': `account_id = "${C}"\n`,
    });
    const scan = await scanWranglerConfigs(dir);
    expect(scan.files.map((f) => [f.path, f.targets[0]?.accountId])).toEqual([['svc/wrangler.json', B]]);
  });

  it('a malformed file is one warning line naming the file and the line, and the others are still read', async () => {
    const dir = tree({
      'a/wrangler.toml': `name = "a"\naccount_id = "${A}"\nroutes = [\n[env.x]\n`,
      'b/wrangler.json': `{\n  "account_id": "${B}",\n  "name" "b"\n}\n`,
      'c/wrangler.toml': `account_id = "${C}"\n`,
    });
    const scan = await scanWranglerConfigs(dir);
    expect(scan.warnings).toEqual([
      '⚠ a/wrangler.toml line 4: not valid TOML (invalid value); its account and routes are not checked',
      '⚠ b/wrangler.json line 3: not valid JSON (ColonExpected); its account and routes are not checked',
    ]);
    expect(scan.files.map((f) => f.path)).toEqual(['c/wrangler.toml']);
  });

  it('an account_id that is not one is a warning and never printed back', async () => {
    const secretish = 'cfut_' + 'x'.repeat(48);
    const dir = tree({ 'wrangler.toml': `account_id = "${secretish}"\n[env.prod]\naccount_id = "${A}"\n` });
    const scan = await scanWranglerConfigs(dir);
    expect(scan.warnings).toEqual(['⚠ wrangler.toml: account_id is not a 32-character account id; not checked']);
    expect(scan.files[0]?.targets.map((t) => t.accountId)).toEqual([null, A]);
  });

  it('hostile repositories: a link out of the project, a FIFO, a folder link, a file over 1 MiB are not read', async () => {
    const outside = tree({ 'wrangler.toml': `account_id = "${C}"\n` });
    const dir = tree({ 'big/wrangler.toml': `# ${'x'.repeat(1024 * 1024)}\naccount_id = "${A}"\n`, 'ok/wrangler.toml': `account_id = "${B}"\n` });
    mkdirSync(join(dir, 'out'));
    symlinkSync(join(outside, 'wrangler.toml'), join(dir, 'out', 'wrangler.toml'));
    symlinkSync(outside, join(dir, 'linked'));
    mkdirSync(join(dir, 'fifo'));
    execFileSync('mkfifo', [join(dir, 'fifo', 'wrangler.toml')]);
    mkdirSync(join(dir, 'inner'));
    symlinkSync(join(dir, 'ok', 'wrangler.toml'), join(dir, 'inner', 'wrangler.toml'));
    const scan = await scanWranglerConfigs(dir);
    expect(scan.warnings).toEqual([
      '⚠ big/wrangler.toml: larger than 1 MiB; not read',
      '⚠ fifo/wrangler.toml: not a regular file; not read',
      '⚠ out/wrangler.toml: a link out of the project; not read',
    ]);
    // A link that stays inside the project is read like the file it points to.
    expect(scan.files.map((f) => [f.path, f.targets[0]?.accountId])).toEqual([
      ['inner/wrangler.toml', B],
      ['ok/wrangler.toml', B],
    ]);
  });

  it('no configuration: nothing found, nothing loaded', async () => {
    expect(await scanWranglerConfigs(tree({ 'README.md': 'hi' }))).toEqual({ files: [], warnings: [] });
  });
});

describe('routeHost', () => {
  it.each([
    ['example.com/*', 'example.com'],
    ['*.example.com/api/*', 'example.com'],
    ['*example.com/*', 'example.com'],
    ['https://api.example.com/v1/*', 'api.example.com'],
    ['api.example.com:8443/*', 'api.example.com'],
    ['/*', null],
    ['localhost/*', null],
  ])('%s → %s', (pattern, host) => {
    expect(routeHost(pattern)).toBe(host);
  });
});

describe('what the files declare', () => {
  const scan = {
    warnings: [],
    files: [
      {
        path: 'web/wrangler.toml',
        targets: [{ env: null, accountId: A, workersDev: false, routes: [{ pattern: 'auth.example.com', customDomain: true, zoneName: null, zoneId: null }] }],
      },
      {
        path: 'api/wrangler.toml',
        targets: [
          { env: null, accountId: null, workersDev: null, routes: [{ pattern: 'api.example.com/*', customDomain: false, zoneName: null, zoneId: null }] },
          { env: 'prod', accountId: B, workersDev: null, routes: [{ pattern: 'x/*', customDomain: false, zoneName: null, zoneId: C }, { pattern: 'api.example.com/v2/*', customDomain: false, zoneName: null, zoneId: null }] },
        ],
      },
    ],
  };

  it('accounts (distinct, first place), route zones (custom domains left out), workers_dev off, sections without account', () => {
    expect(wranglerFacts(scan)).toEqual({
      files: ['web/wrangler.toml', 'api/wrangler.toml'],
      accounts: [
        { id: A, from: 'web/wrangler.toml' },
        { id: B, from: 'api/wrangler.toml [env.prod]' },
      ],
      routeZones: [
        { zoneId: null, host: 'api.example.com', pattern: 'api.example.com/*', from: 'api/wrangler.toml' },
        { zoneId: C, host: null, pattern: 'x/*', from: 'api/wrangler.toml' },
      ],
      workersDevOff: ['web/wrangler.toml'],
      withoutAccount: ['api/wrangler.toml'],
    });
  });

  it.each([
    ['all agree', { CLOUDFLARE_ACCOUNT_ID: A }, 1, []],
    [
      "a file's account_id against CLOUDFLARE_ACCOUNT_ID and CF_ACCOUNT_ID",
      { CLOUDFLARE_ACCOUNT_ID: C, CF_ACCOUNT_ID: A },
      1,
      [`⚠ web/wrangler.toml sets account_id ${A}, but CLOUDFLARE_ACCOUNT_ID is ${C} and CF_ACCOUNT_ID is ${A}: wrangler deploys it to ${A} (the file's account_id comes first)`],
    ],
    [
      'CLOUDFLARE_ACCOUNT_ID against CF_ACCOUNT_ID, with no file',
      { CLOUDFLARE_ACCOUNT_ID: C, CF_ACCOUNT_ID: 'not-an-id' },
      0,
      [`⚠ CLOUDFLARE_ACCOUNT_ID is ${C}, but CF_ACCOUNT_ID is not an account id: wrangler uses CLOUDFLARE_ACCOUNT_ID`],
    ],
  ] as const)('%s', (_, vars, files, messages) => {
    const facts = wranglerFacts({ warnings: [], files: scan.files.slice(0, files) });
    expect(accountDisagreements(facts, vars).map((l) => l.message)).toEqual(messages);
  });
});
