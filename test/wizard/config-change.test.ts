import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { makeProject, read, removeProjects, runScripted } from './harness.js';
import { useStandIn } from '../support/stand-in.js';

// One-off flags must not quietly rewrite the committed mastrakit.config.json.
const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const committed = '{\n  "slug": "acme",\n  "domain": "example.com",\n  "domainStyle": "flat"\n}\n';
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

describe('the wizard shows a config change and asks before saving it', () => {
  it('--no-domain on a project whose config says example.com: the change shown, No the default, declined: the file untouched', async () => {
    const dir = makeProject({ config: committed });
    const run = await runScripted(standIn.baseUrl, dir, [['password', TOKEN], ['confirm', false, 'Save this change to mastrakit.config.json?']], {
      flags: { domain: null, browser: false },
    });
    expect(run.code).toBe(0);
    expect(read(dir, 'mastrakit.config.json')).toBe(committed);
    const shown = run.prompter.transcript();
    expect(shown).toContain(`This run's answers differ from mastrakit.config.json (shared with the project):\n  domain: "example.com" → null (*.workers.dev)`);
    expect(run.prompter.prompts.at(-1)).toMatchObject({ message: 'Save this change to mastrakit.config.json? (No: only this run uses it)', initialValue: false });
    expect(shown).toContain('mastrakit.config.json is left as it is.');
    expect(shown).not.toContain('Updated mastrakit.config.json');
    expect(read(dir, '.env.dev-secrets')).toContain(TOKEN);
    // The closing command checks what this run checked, not the config's example.com.
    expect(shown).toMatch(/doctor --key CLOUDFLARE_API_TOKEN( --cwd \S+)? --no-domain$/m);
  });

  it('accepted: saved, and said', async () => {
    const dir = makeProject({ config: committed });
    const run = await runScripted(standIn.baseUrl, dir, [['password', TOKEN], ['confirm', true, 'Save this change']], { flags: { domain: null, browser: false } });
    expect(run.code).toBe(0);
    expect(JSON.parse(read(dir, 'mastrakit.config.json'))).toEqual({ slug: 'acme', domain: null, domainStyle: 'flat' });
    expect(run.prompter.transcript()).toContain('Updated mastrakit.config.json: domain.');
    expect(run.prompter.transcript()).toMatch(/doctor --key CLOUDFLARE_API_TOKEN( --cwd \S+)?$/m);
  });

  it('--save-config: saved without the question', async () => {
    const dir = makeProject({ config: committed });
    const run = await runScripted(standIn.baseUrl, dir, [['password', TOKEN]], { flags: { domain: null, browser: false, saveConfig: true } });
    expect(run.code).toBe(0);
    expect(run.prompter.prompts.filter((p) => p.kind === 'confirm')).toEqual([]);
    expect(JSON.parse(read(dir, 'mastrakit.config.json')).domain).toBeNull();
  });

  it('a key the config does not have yet is added without a question (a first run)', async () => {
    const dir = makeProject({ config: '{"slug":"acme"}' });
    const run = await runScripted(standIn.baseUrl, dir, [['password', TOKEN]], { flags: { domain: null, browser: false } });
    expect(run.code).toBe(0);
    expect(JSON.parse(read(dir, 'mastrakit.config.json'))).toEqual({ slug: 'acme', domain: null });
  });
});

describe('setup --token-stdin changes the config only with --save-config', () => {
  async function fromStdin(dir: string, ...flags: string[]) {
    const stdin = new PassThrough();
    stdin.end(`${TOKEN}\n`);
    const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir, stdin });
    const code = await main(['setup', '--token-stdin', '--cwd', dir, ...flags], deps);
    return { code, lines: deps.out().split('\n') };
  }

  it('without it: the secrets saved, the config byte for byte, and a line saying how to save it', async () => {
    const dir = makeProject({ config: committed });
    const run = await fromStdin(dir, '--no-domain');
    expect(run.code).toBe(0);
    expect(read(dir, 'mastrakit.config.json')).toBe(committed);
    expect(read(dir, '.env.dev-secrets')).toContain(TOKEN);
    expect(run.lines).toContain('mastrakit.config.json unchanged (this run used domain: null); add --save-config to save it.');
    expect(run.lines.at(-2) ?? '').toMatch(/^Check it again any time: .* doctor --key CLOUDFLARE_API_TOKEN( --cwd \S+)? --no-domain$/);
  });

  it('with it: the change saved and said', async () => {
    const dir = makeProject({ config: committed });
    const run = await fromStdin(dir, '--no-domain', '--save-config');
    expect(run.code).toBe(0);
    expect(JSON.parse(read(dir, 'mastrakit.config.json')).domain).toBeNull();
    expect(run.lines).toContain('✔ Updated mastrakit.config.json: domain.');
  });

  it('flags that agree with the config: nothing to say', async () => {
    const dir = makeProject({ config: committed });
    const run = await fromStdin(dir, '--domain', 'example.com');
    expect(run.code).toBe(0);
    expect(run.lines.filter((l) => l.includes('mastrakit.config.json'))).toEqual([]);
  });
});
