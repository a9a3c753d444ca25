import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorld } from '../../../src/stand-in/index.js';
import { BIN, project, runBin, type BinResult } from '../../support/bin.js';
import { recordOutput, registerSecret } from '../../support/secret-scan.js';
import { useStandIn } from '../../support/stand-in.js';

// The secrets file under stress, end to end: `setup --token-stdin --yes` (the built bin) against the
// stand-in. The edit itself is tested in depth in test/project; here the whole command keeps its promises.

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const ACME = sample.account.id;
const OLD = 'old-value-0123456789abcdefghij';
registerSecret(OLD);
const standIn = useStandIn({ world: sample.world });

const CONFIG = '{ "slug": "acme" }\n';

function setup(cwd: string): Promise<BinResult> {
  return runBin(['setup', '--token-stdin', '--yes', '--no-domain'], { cwd, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, input: `${TOKEN}\n` });
}

function noStack(result: BinResult): void {
  expect(result.stderr).not.toMatch(/\n\s+at |TypeError|unexpected error/);
}

describe('setup --token-stdin --yes and an awkward .env.dev-secrets', () => {
  it.concurrent('a folder at that path: exit 2 in one line, nothing written anywhere', async () => {
    const cwd = project({ 'mastrakit.config.json': CONFIG });
    mkdirSync(join(cwd, '.env.dev-secrets'));
    const result = await setup(cwd);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd()).toBe(`✖ .env.dev-secrets at ${join(cwd, '.env.dev-secrets')} is a folder, not a file.`);
    expect(result.stdout).toBe('');
    expect(readdirSync(cwd).sort()).toEqual(['.env.dev-secrets', 'mastrakit.config.json']);
    expect(readdirSync(join(cwd, '.env.dev-secrets'))).toEqual([]);
    noStack(result);
  });

  it.concurrent('BOM, CRLF, export prefixes, comments, # quotes spaces and $: every byte kept but the one value', async () => {
    const before =
      '\uFEFF# my secrets\r\n' +
      'export STRIPE_KEY="sk_test_abc # not a comment"\r\n' +
      "export CLOUDFLARE_API_TOKEN='" + OLD + "' # rotated monthly\r\n" +
      '\r\n' +
      'GREETING=\'hello   "world"\'\r\n' +
      'HOME_DIR=$HOME/x\r\n' +
      `CF_ACCOUNT_ID=${ACME}\r\n` +
      'LAST=no newline at the end';
    const cwd = project({ 'mastrakit.config.json': CONFIG, '.env.dev-secrets': before });
    const result = await setup(cwd);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const after = readFileSync(join(cwd, '.env.dev-secrets'), 'utf8');
    expect(after).toBe(before.replace(OLD, TOKEN));
    expect(statSync(join(cwd, '.env.dev-secrets')).mode & 0o777).toBe(0o600);
    expect(result.stdout).toContain(`✔ Updated .env.dev-secrets: set CLOUDFLARE_API_TOKEN (…${TOKEN.slice(-4)}) (mode 0600).`);
    noStack(result);
  });

  it.concurrent('the key twice: the last one (the one dotenv reads) is updated, the other kept and reported', async () => {
    const before = `CLOUDFLARE_API_TOKEN=${OLD}\nA=1\nCLOUDFLARE_API_TOKEN=${OLD}x\nCF_ACCOUNT_ID=${ACME}\n`;
    const cwd = project({ 'mastrakit.config.json': CONFIG, '.env.dev-secrets': before });
    const result = await setup(cwd);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(readFileSync(join(cwd, '.env.dev-secrets'), 'utf8')).toBe(`CLOUDFLARE_API_TOKEN=${OLD}\nA=1\nCLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACME}\n`);
    expect(result.stdout).toContain(
      '⚠ .env.dev-secrets has CLOUDFLARE_API_TOKEN more than once: the last one, which dotenv reads, was updated; line 1 still holds an older value (delete it to avoid confusion).',
    );
  });

  it.concurrent('a symlink inside the project: --token-stdin refuses it (the wizard asks), nothing written', async () => {
    const cwd = project({ 'mastrakit.config.json': CONFIG });
    mkdirSync(join(cwd, 'vault'));
    writeFileSync(join(cwd, 'vault', 'dev.env'), `# shared\nCF_ACCOUNT_ID=${ACME}\n`);
    symlinkSync(join('vault', 'dev.env'), join(cwd, '.env.dev-secrets'));
    const result = await setup(cwd);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr.trimEnd()).toBe(
      '✖ .env.dev-secrets is a symbolic link to vault/dev.env: --token-stdin does not write through links (`mastrakit setup` names the target and asks). Nothing was written.',
    );
    expect(result.stdout).toBe('');
    expect(readlinkSync(join(cwd, '.env.dev-secrets'))).toBe(join('vault', 'dev.env'));
    expect(readFileSync(join(cwd, 'vault', 'dev.env'), 'utf8')).toBe(`# shared\nCF_ACCOUNT_ID=${ACME}\n`);
    expect(readdirSync(join(cwd, 'vault'))).toEqual(['dev.env']);
    expect(readdirSync(cwd).sort()).toEqual(['.env.dev-secrets', 'mastrakit.config.json', 'vault']);
  });
});

const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
const isRoot = process.getuid?.() === 0;

/** The bin as the unprivileged user nobody, so permission bits bite even when the suite runs as root. */
function setupAsNobody(cwd: string): Promise<BinResult> {
  const [cmd, prefix] = isRoot ? [setpriv as string, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]] : [process.execPath, []];
  return new Promise((done) => {
    const child = execFile(
      cmd,
      [...prefix, BIN, 'setup', '--token-stdin', '--yes', '--no-domain'],
      { cwd, env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1', CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, timeout: 30_000 },
      (error, stdout, stderr) => {
        recordOutput('bin stdout', String(stdout));
        recordOutput('bin stderr', String(stderr));
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    child.stdin?.end(`${TOKEN}\n`);
  });
}

/**
 * As root the bin runs as nobody, who must be able to read it: a checkout inside a private folder
 * (`git clone … "$(mktemp -d)/p"`, mode 0700) is out of nobody's reach, and every run would fail with
 * "Cannot find module" for a reason that is not the product's.
 */
const nobodyReadsBin =
  !isRoot ||
  (setpriv !== undefined &&
    spawnSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(BIN)}, 4)`]).status === 0);
if (!nobodyReadsBin) console.warn(`[read-only] skipped: the user nobody cannot read ${BIN} (a checkout in a private folder); run the suite from a checkout others can read`);

describe.skipIf(isRoot && (!setpriv || !nobodyReadsBin))('read-only, end to end (exit 2, nothing lost, the token not printed)', () => {
  const before = `# mine\nOTHER=1\nCF_ACCOUNT_ID=${ACME}\n`;

  it.concurrent('a read-only file', async () => {
    const cwd = project({ 'mastrakit.config.json': CONFIG, '.env.dev-secrets': before });
    const path = join(cwd, '.env.dev-secrets');
    chmodSync(path, 0o444);
    // nobody owns the folder (a world-writable one would be refused before the file is looked at).
    if (isRoot) chownSync(cwd, 65534, 65534);
    const result = await setupAsNobody(cwd);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr.trimEnd()).toBe(`✖ Cannot write ${path}: the file is read-only.`);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
    expect(readdirSync(cwd).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.concurrent('a read-only folder', async () => {
    const cwd = project({ 'mastrakit.config.json': CONFIG, '.env.dev-secrets': before });
    const path = join(cwd, '.env.dev-secrets');
    if (isRoot) chownSync(path, 65534, 65534);
    chmodSync(cwd, 0o555);
    try {
      const result = await setupAsNobody(cwd);
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stderr.trimEnd()).toBe(`✖ Cannot write ${path}: the folder ${cwd} is not writable.`);
      expect(readFileSync(path, 'utf8')).toBe(before);
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
      expect(readdirSync(cwd).sort()).toEqual(['.env.dev-secrets', 'mastrakit.config.json']);
    } finally {
      chmodSync(cwd, 0o755);
    }
  });
});
