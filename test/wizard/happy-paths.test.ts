import { afterEach, describe, expect, it } from 'vitest';
import { rowsFor } from '../../src/permissions/rows.js';
import { templateUrl } from '../../src/permissions/template-url.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { makeProject, modeOf, notWay, read, removeProjects, runScripted, snapshot } from './harness.js';
import { useStandIn } from '../support/stand-in.js';

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const ACME = sample.account.id;
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

describe('setup, happy paths', () => {
  it('*.workers.dev: asks, opens the page after asking, checks, saves token and account, says what changed', async () => {
    const dir = makeProject();
    const run = await runScripted(standIn.baseUrl, dir, [
      ['confirm', false, 'custom domain'],
      ['confirm', true, 'browser'],
      ['password', TOKEN, 'Paste the token'],
    ]);
    expect(run.error).toBeNull();
    expect(run.code).toBe(0);
    expect(run.prompter.remaining()).toBe(0);
    const secrets = read(dir, '.env.dev-secrets');
    expect(secrets).toBe(`CLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACME}\n`);
    expect(modeOf(dir, '.env.dev-secrets')).toBe(0o600);
    expect(JSON.parse(read(dir, 'mastrakit.config.json'))).toEqual({ domain: null });

    const url = templateUrl(rowsFor({ domain: null, domainStyle: 'flat' }), 'mastrakit-acme-deploy');
    expect(run.deps.opened).toEqual([url]);
    const shown = run.prompter.transcript();
    expect(run.prompter.shown.filter((s) => s.kind === 'url').map((s) => s.text)).toEqual([url]);
    expect(shown).toContain('Asked your browser to open it');
    expect(shown).not.toMatch(/browser (has )?opened/i);
    const table = run.prompter.shown.find((s) => s.kind === 'note')?.text ?? '';
    expect(table).toContain('Workers Scripts');
    expect(table).not.toContain('DNS');
    // *.workers.dev: the form has no zone row, so nothing on screen speaks of Zone Resources.
    expect(shown).not.toContain('Zone Resources');
    expect(shown).toContain('mastrakit-acme-deploy');
    // The template holds every *.workers.dev row: the warning says what it adds, not what it lacks.
    expect(run.prompter.shown.filter((s) => s.kind === 'warn').map((s) => s.text)).toContain(
      'Use a Custom Token, not the "Edit Cloudflare Workers" template: it holds these rows but also Workers R2 Storage, Workers Tail, Workers Routes and your user details, which this deploy does not need.',
    );
    expect(shown).not.toContain('KV namespaces');
    expect(shown).toContain('✔ token is active');
    expect(shown).toMatch(/Created \.env\.dev-secrets: set CLOUDFLARE_API_TOKEN \(…\w{4}\) and CF_ACCOUNT_ID/);
    expect(run.prompter.shown.at(-1)).toMatchObject({ kind: 'outro' });
    expect(run.prompter.shown.at(-1)?.text).toContain('mastrakit doctor --key CLOUDFLARE_API_TOKEN');
    expect(shown).not.toContain(TOKEN);
    expect(shown).toContain(`…${TOKEN.slice(-4)}`);
    expect(run.deps.out() + run.deps.err()).not.toContain(TOKEN);
  });

  it('flat custom domain: validates the domain, shows both real host names, pre-fills the zone rows', async () => {
    const dir = makeProject();
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['confirm', true, 'custom domain'],
        ['text', 'https://example.com/app', 'domain'],
        ['text', 'Example.COM.'],
        ['select', 'flat', 'style'],
        ['password', `  Bearer ${TOKEN}\n`],
      ],
      { flags: { browser: false } },
    );
    expect(run.code).toBe(0);
    const domainPrompt = run.prompter.prompts.find((p) => p.kind === 'text');
    expect(domainPrompt?.errors).toEqual(['Drop the https:// and enter just the host name: example.com.']);
    const style = run.prompter.prompts.filter(notWay).find((p) => p.kind === 'select');
    expect(style?.options?.map((o) => o.label)).toEqual(['Flat: auth-acme.example.com', 'Nested: auth.acme.example.com']);
    expect(style?.options?.[1]?.hint).toBe('needs ACM');
    expect(run.prompter.transcript()).toContain('Nested ones need an Advanced Certificate Manager (ACM) certificate');
    const shown = run.prompter.transcript();
    expect(shown).toMatch(/lower-cased/i);
    expect(shown).toContain('Zone Resources: Include → Specific zone → example.com.');
    expect(shown).toContain('not opening one here: --no-browser');
    expect(run.prompter.prompts.some((p) => p.message.includes('browser'))).toBe(false);
    expect(shown).toContain('✔ DNS: Edit');
    const table = run.prompter.shown.find((s) => s.kind === 'note')?.text ?? '';
    expect(table).toContain('DNS');
    expect(table).not.toContain('SSL and Certificates');
    expect(shown).not.toContain('SSL and Certificates: Edit (');
    expect(run.prompter.shown.filter((s) => s.kind === 'warn').map((s) => s.text)).toContain(
      'Use a Custom Token, not the "Edit Cloudflare Workers" template: for this deploy it lacks DNS: Edit and Zone: Read, and the deploy fails halfway with a misleading "Authentication error".',
    );
    expect(run.prompter.shown.find((s) => s.kind === 'url')?.text).toBe(
      templateUrl(rowsFor({ domain: 'example.com', domainStyle: 'flat' }), 'mastrakit-acme-deploy'),
    );
    expect(JSON.parse(read(dir, 'mastrakit.config.json'))).toEqual({ domain: 'example.com', domainStyle: 'flat' });
    expect(read(dir, '.env.dev-secrets')).toContain(`CLOUDFLARE_API_TOKEN=${TOKEN}\n`);
    expect(shown).not.toContain(TOKEN);
  });

  it('nested from flags: no project questions, the SSL row checked, the .gitignore line offered and added', async () => {
    const dir = makeProject({ git: true, config: '{\n  "slug": "acme",\n  "team": "platform"\n}\n' });
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', TOKEN],
        ['confirm', true, '.gitignore'],
      ],
      { flags: { domain: 'example.com', domainStyle: 'nested', browser: false } },
    );
    expect(run.code).toBe(0);
    const shown = run.prompter.transcript();
    expect(shown).toContain('Deploying to auth.acme.example.com (nested)');
    expect(shown).toContain('✔ SSL and Certificates: Edit');
    expect(run.prompter.shown.filter((s) => s.kind === 'warn').map((s) => s.text)).toContain(
      'Use a Custom Token, not the "Edit Cloudflare Workers" template: for this deploy it lacks DNS: Edit, Zone: Read and SSL and Certificates: Edit, and the deploy fails halfway with a misleading "Authentication error".',
    );
    expect(read(dir, '.gitignore')).toBe('.env.dev-secrets\n');
    expect(shown).toContain('Added .env.dev-secrets to .gitignore.');
    // Other keys and formatting kept; the answers appended.
    expect(read(dir, 'mastrakit.config.json')).toBe(
      '{\n  "slug": "acme",\n  "team": "platform",\n  "domain": "example.com",\n  "domainStyle": "nested"\n}\n',
    );
  });

  it("a teammate's project: the saved answers in one line, one confirm, paste, check, done; config untouched", async () => {
    const config = '{"slug":"acme","domain":"example.com","domainStyle":"flat"}';
    const dir = makeProject({ config, gitignore: '.env.dev-secrets\n', git: true });
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['confirm', true, 'auth-acme.example.com (flat), as mastrakit.config.json says'],
        ['password', TOKEN],
      ],
      { env: { CI: 'true' } },
    );
    expect(run.code).toBe(0);
    expect(run.prompter.prompts.filter(notWay).map((p) => p.kind)).toEqual(['confirm', 'password']);
    expect(run.prompter.transcript()).toContain('not opening one here: running in CI');
    expect(read(dir, 'mastrakit.config.json')).toBe(config);
    expect(run.prompter.transcript()).not.toContain('mastrakit.config.json:');
    expect(read(dir, '.env.dev-secrets')).toBe(`CLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACME}\n`);
  });

  it('a teammate who says no to the saved answers gets the questions, with the saved answers as defaults', async () => {
    const dir = makeProject({ config: '{"domain":"example.com","domainStyle":"nested"}' });
    const run = await runScripted(standIn.baseUrl, dir, [
      ['confirm', false, 'as mastrakit.config.json says'],
      ['confirm', true, 'custom domain'],
      ['text', '', 'domain'],
      ['select', 'flat'],
      ['confirm', false, 'browser'],
      ['password', TOKEN],
      ['confirm', true, 'Save this change to mastrakit.config.json?'],
    ]);
    expect(run.code).toBe(0);
    const [, custom, domain, style] = run.prompter.prompts;
    expect(custom?.initialValue).toBe(true);
    expect(domain?.initialValue).toBe('example.com');
    expect(style?.initialValue).toBe('nested');
    expect(run.deps.opened).toEqual([]);
    // Answered in the wizard (not a flag): the change is shown and Yes is the default.
    expect(run.prompter.transcript()).toContain(`This run's answers differ from mastrakit.config.json (shared with the project):\n  domainStyle: "nested" → "flat"`);
    expect(run.prompter.prompts.at(-1)?.initialValue).toBe(true);
    expect(read(dir, 'mastrakit.config.json')).toBe('{"domain":"example.com","domainStyle":"flat"}');
  });

  it('an existing .env.dev-secrets keeps every other byte (comments, export, CRLF)', async () => {
    const secrets = '# local secrets\r\nexport OTHER="x y"\r\n\r\nCLOUDFLARE_API_TOKEN=\r\n';
    const dir = makeProject({ secrets });
    const before = snapshot(dir);
    expect(before['.env.dev-secrets']).toBeDefined();
    const run = await runScripted(standIn.baseUrl, dir, [['password', TOKEN]], { flags: { domain: null, browser: false } });
    expect(run.code).toBe(0);
    expect(read(dir, '.env.dev-secrets')).toBe(
      `# local secrets\r\nexport OTHER="x y"\r\n\r\nCLOUDFLARE_API_TOKEN=${TOKEN}\r\nCF_ACCOUNT_ID=${ACME}\r\n`,
    );
    expect(run.prompter.transcript()).toContain('Updated .env.dev-secrets');
  });
});
