import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { testDeps } from '../support/deps.js';
import { makeProject, modeOf, read, removeProjects, snapshot, ttyStream } from '../wizard/harness.js';
import { useStandIn } from '../support/stand-in.js';

const sample = sampleWorld();
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

function piped(text: string): PassThrough {
  const stdin = new PassThrough();
  stdin.end(text);
  return stdin;
}

async function setupFromStdin(dir: string, input: string, ...flags: string[]) {
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd: dir, stdin: piped(input) });
  const code = await main(['setup', '--token-stdin', '--cwd', dir, ...flags], deps);
  return { code, out: deps.out(), err: deps.err() };
}

describe('setup --token-stdin', () => {
  it('a passing token: written with mode 0600, the check lines printed without the token, exit 0', async () => {
    const dir = makeProject();
    const token = sample.tokens.complete.value;
    const run = await setupFromStdin(dir, `${token}\n`, '--domain', 'example.com', '--domain-style', 'nested');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(read(dir, '.env.dev-secrets')).toBe(`CLOUDFLARE_API_TOKEN=${token}\nCF_ACCOUNT_ID=${sample.account.id}\n`);
    expect(modeOf(dir, '.env.dev-secrets')).toBe(0o600);
    expect(run.out).toContain('✔ SSL and Certificates: Edit');
    expect(run.out).toContain(`…${token.slice(-4)}`);
    expect(run.out + run.err).not.toContain(token);
  });

  it('a failing token: nothing written, the failed line and its fix printed, exit 1', async () => {
    const dir = makeProject({ config: '{"slug":"acme"}' });
    const before = snapshot(dir);
    const run = await setupFromStdin(dir, sample.tokens.missingDnsEdit.value, '--domain', 'example.com', '--yes');
    expect(run.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(run.out).toContain('❌ missing permission: com.cloudflare.edge.dns.write');
    expect(run.out).toContain('Nothing was written');
  });

  it('a Global API Key: refused without asking Cloudflare, exit 1, nothing written', async () => {
    const dir = makeProject();
    const requests = standIn.requests.length;
    const run = await setupFromStdin(dir, '0123456789abcdef0123456789abcdef01234', '--no-domain');
    expect(run.code).toBe(1);
    expect(run.out).toContain('❌ this is a Global API Key, not an API token');
    expect(standIn.requests.length).toBe(requests);
    expect(snapshot(dir)).toEqual({});
  });

  it('without --yes, an unanswered question is a usage problem naming the flags (exit 2), before any request', async () => {
    const dir = makeProject();
    const requests = standIn.requests.length;
    const run = await setupFromStdin(dir, sample.tokens.complete.value);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--domain');
    expect(run.err).toContain('--no-domain');
    expect(run.err).toContain('--yes');
    expect(standIn.requests.length).toBe(requests);
  });

  it('--yes takes *.workers.dev when the config does not say, and adds the .gitignore line', async () => {
    const dir = makeProject({ git: true });
    const run = await setupFromStdin(dir, sample.tokens.complete.value, '--yes');
    expect(run.code).toBe(0);
    expect(run.out).toContain('*.workers.dev');
    expect(read(dir, '.gitignore')).toBe('.env.dev-secrets\n');
  });

  it('a different token already saved is kept unless --yes (exit 2, nothing written)', async () => {
    const dir = makeProject({ secrets: `CLOUDFLARE_API_TOKEN=${sample.tokens.missingDnsEdit.value}\n` });
    const before = snapshot(dir);
    const run = await setupFromStdin(dir, sample.tokens.complete.value, '--no-domain');
    expect(run.code).toBe(2);
    expect(run.err).toContain(`…${sample.tokens.missingDnsEdit.value.slice(-4)}`);
    expect(run.err).not.toContain(sample.tokens.missingDnsEdit.value);
    expect(snapshot(dir)).toEqual(before);
    const replaced = await setupFromStdin(dir, sample.tokens.complete.value, '--no-domain', '--yes');
    expect(replaced.code).toBe(0);
    expect(read(dir, '.env.dev-secrets')).toContain(sample.tokens.complete.value);
  });

  it('more than 64 KiB on stdin is refused (exit 2)', async () => {
    const dir = makeProject();
    const run = await setupFromStdin(dir, 'x'.repeat(70 * 1024), '--no-domain');
    expect(run.code).toBe(2);
    expect(run.err).toContain('64 KiB');
  });

  it('a terminal on stdin is refused: the token would be echoed and nothing would end the input', async () => {
    const dir = makeProject();
    const deps = testDeps({ cwd: dir, stdin: ttyStream() });
    const code = await main(['setup', '--token-stdin', '--no-domain', '--cwd', dir], deps);
    expect(code).toBe(2);
    expect(deps.err()).toContain('not from the terminal');
  });
});

describe('setup without a terminal', () => {
  it.each([
    ['stdin is a pipe', new PassThrough(), ttyStream()],
    ['stdout is a pipe', ttyStream(), new PassThrough()],
  ])('%s: exit 2 at once, naming --token-stdin and doctor, no prompt shown', async (_name, stdin, stdout) => {
    const dir = makeProject();
    const deps = testDeps({ cwd: dir, stdin, stdout });
    let written = '';
    stdout.on('data', (c: Buffer) => (written += c.toString()));
    const started = Date.now();
    const code = await main(['setup', '--cwd', dir], deps);
    expect(code).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(deps.err()).toContain('--token-stdin');
    expect(deps.err()).toContain('mastrakit doctor');
    expect(written).toBe('');
    expect(snapshot(dir)).toEqual({});
  });
});
