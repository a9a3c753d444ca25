import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { makeProject, removeProjects } from '../wizard/harness.js';
import { useStandIn } from '../support/stand-in.js';

// doctor in-process through main(): the words it prints and the JSON it gives scripts.
const sample = sampleWorld();
const ACME = sample.account.id;
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

async function doctor(token: string, config: object, ...args: string[]) {
  const dir = makeProject({ config: JSON.stringify(config), secrets: `CLOUDFLARE_API_TOKEN=${token}\nCF_ACCOUNT_ID=${ACME}\n` });
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir });
  const before = standIn.requests.length;
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--cwd', dir, ...args], deps);
  return { code, out: deps.out(), err: deps.err(), requests: standIn.requests.length - before };
}

const nested = { slug: 'acme', domain: 'example.com', domainStyle: 'nested' };

describe('a Global API Key is 37 to 45 lowercase hex characters', () => {
  it.each([37, 40, 45])('%i hex characters: refused without asking Cloudflare, exit 1', async (length) => {
    const key = '0123456789abcdef'.repeat(3).slice(0, length);
    const run = await doctor(key, nested);
    expect(run.code).toBe(1);
    expect(run.out.split('\n')).toContain('❌ this is a Global API Key, not an API token');
    expect(run.requests).toBe(0);
  });
});

describe('doctor --json names each permission group as Cloudflare does', () => {
  it('every permission check carries the API name and published id; the docs-page key is unchanged', async () => {
    const run = await doctor(sample.tokens.missingDnsEdit.value, nested, '--json');
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.out) as { checks: { id: string; key: string | null; permissionGroup: unknown }[]; missing: string[] };
    const groups = Object.fromEntries(doc.checks.map((c) => [c.id, { key: c.key, permissionGroup: c.permissionGroup }]));
    expect(groups).toMatchObject({
      'workers-scripts-edit': {
        key: 'com.cloudflare.api.account.worker.script.write',
        permissionGroup: { name: 'Workers Scripts Write', id: 'e086da7e2179491d91ee5f35b3ca210a' },
      },
      'account-settings-read': {
        key: 'com.cloudflare.api.account.settings.read',
        permissionGroup: { name: 'Account Settings Read', id: 'c1fde68c7bcc44588cbb6ddbc16d6480' },
      },
      'workers-kv-edit': {
        key: 'com.cloudflare.api.account.worker.kv.write',
        permissionGroup: { name: 'Workers KV Storage Write', id: 'f7f0eda5697f475c90846e879bab8666' },
      },
      'dns-edit': { key: 'com.cloudflare.edge.dns.write', permissionGroup: { name: 'DNS Write', id: '4755a26eedb94da69e1066d98aa820be' } },
      'zone-read': { key: 'com.cloudflare.api.account.zone.read', permissionGroup: { name: 'Zone Read', id: 'c8fed203ed3043cba015a93ad1616f1f' } },
      'ssl-edit': {
        key: 'com.cloudflare.api.account.zone.ssl-cert.write',
        permissionGroup: { name: 'SSL and Certificates Write', id: 'c03055bc037c4ea9afb9a9f104b7b721' },
      },
      'workers-routes-read': {
        key: 'com.cloudflare.edge.worker.route.read',
        permissionGroup: { name: 'Workers Routes Read', id: '2072033d694d415a936eaeb94e6405b8' },
      },
    });
    // Checks that are not about a permission row have no group.
    for (const c of doc.checks.filter((c) => c.key === null)) expect(c.permissionGroup).toBeNull();
    expect(doc.missing).toEqual(['com.cloudflare.edge.dns.write']);
  });
});
