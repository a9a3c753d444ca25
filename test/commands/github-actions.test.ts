import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { annotations, escapeData, escapeProperty } from '../../src/render/github-actions.js';
import { sampleWorld, startStandIn, type StandIn } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';

const sample = sampleWorld();
const ACME = sample.account.id;
let standIn: StandIn;
const made: string[] = [];

beforeAll(async () => {
  standIn = await startStandIn({ world: sample.world });
});
afterAll(() => {
  standIn.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe("GitHub's escaping rules", () => {
  it.each([
    ['100% done', '100%25 done', '100%25 done'],
    ['two\nlines\r\n', 'two%0Alines%0D%0A', 'two%0Alines%0D%0A'],
    ['DNS: Edit, zone', 'DNS: Edit, zone', 'DNS%3A Edit%2C zone'],
    ['%0A is literal', '%250A is literal', '%250A is literal'],
  ])('%j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it('only failed checks become annotations, with the fix on the next line of the message', () => {
    const lines = annotations([
      { id: 'a', title: 'Token is valid', key: null, required: true, status: 'pass', message: '✔ token is active', fix: null },
      { id: 'b', title: 'DNS: Edit', key: 'k', required: true, status: 'fail', message: '❌ missing permission: k', fix: 'Add it, 100%.' },
      { id: 'c', title: 'Zone', key: null, required: false, status: 'warn', message: '⚠ w', fix: null },
    ]);
    expect(lines).toEqual(['::error title=mastrakit%3A DNS%3A Edit::❌ missing permission: k%0AAdd it, 100%25.']);
  });
});

async function doctorInActions(token: string, ...args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'mastrakit-gha-'));
  made.push(cwd);
  writeFileSync(join(cwd, 'mastrakit.config.json'), JSON.stringify({ slug: 'acme', domain: 'example.com' }));
  writeFileSync(join(cwd, '.env.dev-secrets'), `CLOUDFLARE_API_TOKEN=${token}\nCF_ACCOUNT_ID=${ACME}\n`);
  const summaryPath = join(cwd, 'summary.md');
  writeFileSync(summaryPath, '# earlier step\n');
  const deps = testDeps({
    cwd,
    env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryPath },
  });
  const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...args], deps);
  return { code, out: deps.out(), err: deps.err(), summary: readFileSync(summaryPath, 'utf8') };
}

describe('doctor with GITHUB_ACTIONS=true', () => {
  it('prints each failed check as an ::error annotation and appends a table to $GITHUB_STEP_SUMMARY', async () => {
    const token = sample.tokens.missingDnsEdit.value;
    const run = await doctorInActions(token);
    expect(run.code).toBe(1);
    const errors = run.out.split('\n').filter((l) => l.startsWith('::'));
    expect(errors).toEqual([
      "::error title=mastrakit%3A DNS%3A Edit::❌ missing permission: com.cloudflare.edge.dns.write%0AAdd `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain.",
    ]);
    const four = token.slice(-4);
    expect(run.summary).toBe(
      [
        '# earlier step',
        `### Checking CLOUDFLARE_API_TOKEN …${four} from .env.dev-secrets for a deploy to auth-acme.example.com (flat)`,
        '',
        '| | Check | Result | Fix |',
        '| --- | --- | --- | --- |',
        '| ✔ | Token is valid | token is active (no expiry) |  |',
        '| ✔ | Token is scoped to one account | token reaches exactly one account |  |',
        `| ✔ | Account access | token has access to account Acme Corp (${ACME}) |  |`,
        '| ✔ | Workers Scripts: Edit | Workers Scripts: Edit |  |',
        '| ✔ | Account Settings: Read | Account Settings: Read |  |',
        '| ✔ | Workers KV Storage: Edit | Workers KV Storage: Edit |  |',
        "| ❌ | DNS: Edit | missing permission: com.cloudflare.edge.dns.write | Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain. |",
        '| ✔ | Zone: Read | Zone: Read (zone example.com) |  |',
        '| ✔ | Workers Routes: Read | Workers Routes: Read |  |',
        '',
        "To fix: re-edit the token at https://dash.cloudflare.com/profile/api-tokens → click the token name → Edit → add the missing permission → Continue to summary → Save. You don't need to create a new token; the existing key keeps working.",
        '',
        '',
      ].join('\n'),
    );
    expect(run.summary + run.out + run.err).not.toContain(token);
  });

  it('with --json the annotations go to stderr and stdout stays one JSON document', async () => {
    const run = await doctorInActions(sample.tokens.missingDnsEdit.value, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, missing: ['com.cloudflare.edge.dns.write'] });
    expect(run.err).toMatch(/^::error title=mastrakit%3A DNS%3A Edit::/);
  });

  it('a passing token: no annotation, the table still appended', async () => {
    const run = await doctorInActions(sample.tokens.complete.value);
    expect(run.code).toBe(0);
    expect(run.out).not.toContain('::error');
    expect(run.summary).toContain('✔ CLOUDFLARE_API_TOKEN is ready to deploy.');
  });
});

describe('doctor in GitHub Actions when nothing could be checked', () => {
  it('the error is an annotation too (a missing secret is the likeliest CI failure), on stderr, never the token', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mastrakit-gha-'));
    made.push(cwd);
    const deps = testDeps({ cwd, env: { GITHUB_ACTIONS: 'true' } });
    const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN'], deps);
    expect(code).toBe(2);
    const lines = deps.err().split('\n').filter((l) => l.startsWith('::'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error title=mastrakit::No CLOUDFLARE_API_TOKEN found: it is not in the environment/);
  });

  it('with --json stdout stays one document', async () => {
    const deps = testDeps({ cwd: tmpdir(), env: { GITHUB_ACTIONS: 'true', CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4', CLOUDFLARE_API_TOKEN: sample.tokens.complete.value } });
    const code = await main(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--json', '--no-domain', '--timeout', '1'], deps);
    expect(code).toBe(3);
    expect(JSON.parse(deps.out())).toMatchObject({ ok: false });
    expect(deps.err()).toMatch(/^::error title=mastrakit::Could not reach Cloudflare/m);
    expect(deps.err()).not.toContain(sample.tokens.complete.value);
  });
});
