import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main.js';
import { sampleWorld, startStandIn, type StandIn } from '../../../src/stand-in/index.js';
import { testDeps } from '../../support/deps.js';
import { registerSecret } from '../../support/secret-scan.js';
import { runScripted } from '../../wizard/harness.js';

// Files a cloned repository can plant, run through in-process main() (setup --token-stdin --yes) and the
// wizard with a scripted prompter: each case checks the exit code, the line, and the bytes on disk
// (content and mode, inside the project and outside it) before and after. What only a process shows
// (a FIFO that would hang, /dev/zero that would fill memory) is in files-bin.test.ts.

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const ACME = sample.account.id;
registerSecret(TOKEN);
let standIn: StandIn;
const scratch = mkdtempSync(join(tmpdir(), 'mastrakit-hostile-files-'));
beforeAll(async () => {
  standIn = await startStandIn({ world: sample.world });
});
afterAll(async () => {
  await standIn.close();
  rmSync(scratch, { recursive: true, force: true });
});

let n = 0;
/** `<scratch>/<n>/` holding `outside/` (someone's home, say) and `repo/` (the clone), with files in each. */
function world(repo: Record<string, string> = {}, outside: Record<string, string> = {}): { repo: string; outside: string } {
  const root = join(scratch, String(n++));
  const dirs = { repo: join(root, 'repo'), outside: join(root, 'outside') };
  mkdirSync(dirs.repo, { recursive: true, mode: 0o755 });
  mkdirSync(dirs.outside, { recursive: true, mode: 0o755 });
  chmodSync(dirs.repo, 0o755);
  for (const [name, text] of Object.entries(repo)) writeFileSync(join(dirs.repo, name), text);
  for (const [name, text] of Object.entries(outside)) writeFileSync(join(dirs.outside, name), text, { mode: 0o600 });
  return dirs;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
}

/** Every entry under `dir` (not .git), links as links: bytes, mode, or where the link points. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === '.git') continue;
    const path = join(dir, name);
    const info = lstatSync(path);
    const key = prefix + name;
    if (info.isSymbolicLink()) out[key] = `-> ${readlinkSync(path)}`;
    else if (info.isDirectory()) Object.assign(out, { [key]: `dir ${(info.mode & 0o777).toString(8)}` }, tree(path, `${key}/`));
    else out[key] = `${(info.mode & 0o777).toString(8)} ${readFileSync(path, 'base64')}`;
  }
  return out;
}

async function stdinSetup(cwd: string, extra: string[] = ['--yes']): Promise<{ code: number; out: string; err: string }> {
  const stdin = new PassThrough();
  stdin.end(`${TOKEN}\n`);
  const deps = testDeps({ env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, cwd, stdin });
  const code = await main(['setup', '--token-stdin', '--no-domain', ...extra], deps);
  return { code, out: deps.out(), err: deps.err() };
}

const CONFIG = '{ "slug": "acme" }\n';
const WORKERS_DEV = { flags: { domain: null, browser: false } };

describe('a link out of the project: refused before anything is read from stdin or sent, nothing written anywhere', () => {
  it.each([
    ['.gitignore', 'id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n'],
    ['mastrakit.config.json', 'config.json', '{ "auths": {} }\n'],
    ['.env.dev-secrets', 'app.env', 'DATABASE_URL=postgres://x\n'],
  ])('%s -> ../outside/%s', async (name, target, content) => {
    const dirs = world(name === 'mastrakit.config.json' ? {} : { 'mastrakit.config.json': CONFIG }, { [target]: content });
    git(dirs.repo, 'init', '-q');
    symlinkSync(join('..', 'outside', target), join(dirs.repo, name));
    const before = { repo: tree(dirs.repo), outside: tree(dirs.outside) };
    const requests = standIn.requests.length;
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `✖ ${name} is a symbolic link to ${join(dirs.outside, target)}, outside the project folder ${dirs.repo}: mastrakit does not write through it. Nothing was written.\n`,
    );
    expect(result.out).toBe('');
    expect({ repo: tree(dirs.repo), outside: tree(dirs.outside) }).toEqual(before);
    expect(statSync(join(dirs.outside, target)).mode & 0o777).toBe(0o600);
    expect(standIn.requests.length).toBe(requests);
  });

  it('a chain of links that ends outside counts as outside, even through a folder link inside', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG }, { 'id_rsa': 'KEY\n' });
    symlinkSync(join('..', 'outside'), join(dirs.repo, 'shared'));
    symlinkSync(join('shared', 'id_rsa'), join(dirs.repo, '.gitignore'));
    const before = tree(dirs.outside);
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`✖ .gitignore is a symbolic link to ${join(dirs.outside, 'id_rsa')}, outside the project folder`);
    expect(tree(dirs.outside)).toEqual(before);
  });

  it('the wizard refuses too, before its first question', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG }, { 'config.json': '{}\n' });
    rmSync(join(dirs.repo, 'mastrakit.config.json'));
    symlinkSync(join('..', 'outside', 'config.json'), join(dirs.repo, 'mastrakit.config.json'));
    const before = { repo: tree(dirs.repo), outside: tree(dirs.outside) };
    const run = await runScripted(standIn.baseUrl, dirs.repo, [], { flags: { domain: 'example.com', domainStyle: 'flat', browser: false } });
    expect(run.code).toBe(2);
    expect(run.error?.message).toBe(
      `mastrakit.config.json is a symbolic link to ${join(dirs.outside, 'config.json')}, outside the project folder ${dirs.repo}: mastrakit does not write through it. Nothing was written.`,
    );
    expect(run.prompter.prompts).toEqual([]);
    expect({ repo: tree(dirs.repo), outside: tree(dirs.outside) }).toEqual(before);
  });
});

describe("a link's name is the repository's text: never sent to the terminal raw", () => {
  // OSC 52 would write the clipboard, ESC[2K and \r would erase the line and print a fake one.
  const NAME = 'x\u001b]52;c;cHduZWQ=\u0007\u001b[2K\r✔ Created .env.dev-secrets';
  const SHOWN = String.raw`x\x1b]52;c;cHduZWQ=\x07\x1b[2K\r✔ Created .env.dev-secrets`;

  it('a link inside the project to such a name is refused (exit 2), the name shown escaped, nothing written', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    symlinkSync(NAME, join(dirs.repo, '.env.dev-secrets'));
    const before = tree(dirs.repo);
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`✖ .env.dev-secrets is a symbolic link to ${SHOWN}, a name holding control characters: mastrakit does not write through it. Nothing was written.\n`);
    expect(tree(dirs.repo)).toEqual(before);
  });

  it('a link out of the project names its target escaped', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    symlinkSync(join(dirs.outside, NAME), join(dirs.repo, '.gitignore'));
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`✖ .gitignore is a symbolic link to ${join(dirs.outside, SHOWN)}, outside the project folder ${dirs.repo}: mastrakit does not write through it. Nothing was written.\n`);
  });
});

describe('a link inside the project', () => {
  it('the wizard names the real target and asks; yes writes there, the link kept', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG, '.gitignore': '.env.dev-secrets\n' });
    mkdirSync(join(dirs.repo, 'vault'));
    writeFileSync(join(dirs.repo, 'vault', '.env.dev-secrets'), 'OTHER=1\n', { mode: 0o600 });
    symlinkSync(join('vault', '.env.dev-secrets'), join(dirs.repo, '.env.dev-secrets'));
    git(dirs.repo, 'init', '-q');
    const run = await runScripted(standIn.baseUrl, dirs.repo, [
      ['password', TOKEN],
      ['confirm', true, '.env.dev-secrets is a symbolic link to vault/.env.dev-secrets. Write the token to vault/.env.dev-secrets?'],
    ], WORKERS_DEV);
    expect(run.code, run.error?.message).toBe(0);
    expect(readlinkSync(join(dirs.repo, '.env.dev-secrets'))).toBe(join('vault', '.env.dev-secrets'));
    expect(readFileSync(join(dirs.repo, 'vault', '.env.dev-secrets'), 'utf8')).toBe(`OTHER=1\nCLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACME}\n`);
    expect(readdirSync(join(dirs.repo, 'vault'))).toEqual(['.env.dev-secrets']);
  });

  it('the wizard: no leaves every byte as it was (exit 2)', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    writeFileSync(join(dirs.repo, 'app.env'), 'OTHER=1\n');
    symlinkSync('app.env', join(dirs.repo, '.env.dev-secrets'));
    const before = tree(dirs.repo);
    const run = await runScripted(standIn.baseUrl, dirs.repo, [
      ['password', TOKEN],
      ['confirm', false, 'symbolic link to app.env'],
    ], WORKERS_DEV);
    expect(run.code).toBe(2);
    expect(run.error?.message).toBe('.env.dev-secrets is a symbolic link to app.env, and you chose not to write there. Nothing was written.');
    expect(tree(dirs.repo)).toEqual(before);
  });

  it('git is asked about the real target: a link to a tracked config/app.env is a tracked file', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG, '.gitignore': '.env.dev-secrets\n' });
    mkdirSync(join(dirs.repo, 'config'));
    writeFileSync(join(dirs.repo, 'config', 'app.env'), 'PORT=8080\n');
    symlinkSync(join('config', 'app.env'), join(dirs.repo, '.env.dev-secrets'));
    git(dirs.repo, 'init', '-q');
    git(dirs.repo, 'add', 'config/app.env');
    git(dirs.repo, 'commit', '-qm', 'config');
    const before = tree(dirs.repo);
    const run = await runScripted(standIn.baseUrl, dirs.repo, [
      ['password', TOKEN],
      ['confirm', false, 'config/app.env is tracked by git: a token saved there would be committed. Untrack it now with `git rm --cached config/app.env`'],
    ], WORKERS_DEV);
    expect(run.code).toBe(2);
    expect(run.error?.message).toBe(
      'config/app.env is tracked by git, so the token would be committed with it: untrack it with `git rm --cached config/app.env` (the file stays on disk), then run setup again. Nothing was written.',
    );
    expect(tree(dirs.repo)).toEqual(before);
    expect(git(dirs.repo, 'ls-files')).toBe('config/app.env\n');
  });
});

describe('a token into a file git tracks', () => {
  function trackedRepo(): string {
    const dirs = world({ 'mastrakit.config.json': CONFIG, '.env.dev-secrets': 'OTHER=1\n', '.gitignore': '.env.dev-secrets\n' });
    git(dirs.repo, 'init', '-q');
    git(dirs.repo, 'add', '-f', '.env.dev-secrets');
    git(dirs.repo, 'commit', '-qm', 'oops');
    return dirs.repo;
  }

  it('--token-stdin: exit 2 with the command, before any request, nothing written', async () => {
    const repo = trackedRepo();
    const before = tree(repo);
    const requests = standIn.requests.length;
    const result = await stdinSetup(repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      '✖ .env.dev-secrets is tracked by git, so the token would be committed with it: untrack it with `git rm --cached .env.dev-secrets` (the file stays on disk), then run setup again. Nothing was written.\n',
    );
    expect(tree(repo)).toEqual(before);
    expect(standIn.requests.length).toBe(requests);
  });

  it('the wizard offers to untrack it; yes runs git rm --cached, then saves', async () => {
    const repo = trackedRepo();
    const run = await runScripted(standIn.baseUrl, repo, [
      ['password', TOKEN],
      ['confirm', true, 'Untrack it now with `git rm --cached .env.dev-secrets`'],
    ], WORKERS_DEV);
    expect(run.code, run.error?.message).toBe(0);
    expect(git(repo, 'ls-files')).toBe('');
    expect(git(repo, 'status', '--porcelain')).toContain('D  .env.dev-secrets');
    expect(readFileSync(join(repo, '.env.dev-secrets'), 'utf8')).toBe(`OTHER=1\nCLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACME}\n`);
    expect(run.prompter.transcript()).toContain('Untracked .env.dev-secrets (`git rm --cached .env.dev-secrets`): commit that change.');
  });

  it('the wizard: no is exit 2 and every byte kept, the file still tracked', async () => {
    const repo = trackedRepo();
    const before = tree(repo);
    const run = await runScripted(standIn.baseUrl, repo, [
      ['password', TOKEN],
      ['confirm', false, 'is tracked by git'],
    ], WORKERS_DEV);
    expect(run.code).toBe(2);
    expect(tree(repo)).toEqual(before);
    expect(git(repo, 'ls-files')).toBe('.env.dev-secrets\n');
  });

  it('the .gitignore line declined: saved, and the outro ends with one ⚠ line just before the next command', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    git(dirs.repo, 'init', '-q');
    const run = await runScripted(standIn.baseUrl, dirs.repo, [
      ['password', TOKEN],
      ['confirm', false, 'git does not ignore .env.dev-secrets. Add it to .gitignore?'],
    ], WORKERS_DEV);
    expect(run.code, run.error?.message).toBe(0);
    expect(readFileSync(join(dirs.repo, '.env.dev-secrets'), 'utf8')).toContain(`CLOUDFLARE_API_TOKEN=${TOKEN}`);
    const outro = run.prompter.shown.filter((s) => s.kind === 'outro').at(-1)?.text.split('\n');
    expect(outro?.slice(-2)).toEqual([
      '⚠ git does not ignore .env.dev-secrets, so `git add` would commit the token: add .env.dev-secrets to .gitignore.',
      `CLOUDFLARE_API_BASE_URL=${standIn.baseUrl} mastrakit doctor --key CLOUDFLARE_API_TOKEN`,
    ]);
    expect(run.prompter.transcript().match(/⚠ git does not ignore/g)).toHaveLength(1);
  });

  it('--token-stdin without --yes: the same ⚠ line, last before the next command', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    git(dirs.repo, 'init', '-q');
    const result = await stdinSetup(dirs.repo, []);
    expect(result.code, result.err).toBe(0);
    expect(result.out.trimEnd().split('\n').slice(-2)).toEqual([
      '⚠ git does not ignore .env.dev-secrets, so `git add` would commit the token: add .env.dev-secrets to .gitignore (or rerun with --yes to have it added).',
      `Check it again any time: CLOUDFLARE_API_BASE_URL=${standIn.baseUrl} mastrakit doctor --key CLOUDFLARE_API_TOKEN`,
    ]);
  });
});

describe('files that are not files (in-process; a FIFO and /dev/zero are in files-bin.test.ts)', () => {
  it.each([
    ['.env.dev-secrets', 'a folder'],
    ['mastrakit.config.json', 'a folder'],
    ['.gitignore', 'a folder'],
    ['.env.dev-secrets', 'larger than 1 MiB'],
    ['mastrakit.config.json', 'larger than 1 MiB'],
    ['.gitignore', 'larger than 1 MiB'],
  ])('%s that is %s: exit 2, one line, nothing written', async (name, what) => {
    const dirs = world(name === 'mastrakit.config.json' ? {} : { 'mastrakit.config.json': CONFIG });
    const path = join(dirs.repo, name);
    if (what === 'a folder') mkdirSync(path);
    else writeFileSync(path, `# ${'x'.repeat(1024 * 1024)}\n`);
    const before = tree(dirs.repo);
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      what === 'a folder'
        ? `✖ ${name} at ${path} is a folder, not a file.\n`
        : `✖ ${name} at ${path} is larger than 1 MiB, far more than any ${name}: mastrakit does not read it.\n`,
    );
    expect(result.out).toBe('');
    expect(tree(dirs.repo)).toEqual(before);
  });

  it.runIf(process.getuid?.() === 0)('a device node made inside the project (mknod, as root): exit 2, one line, nothing read', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    const path = join(dirs.repo, '.env.dev-secrets');
    try {
      execFileSync('mknod', [path, 'c', '1', '5'], { stdio: 'ignore' }); // /dev/zero's numbers
    } catch {
      return; // no CAP_MKNOD in this container: nothing to stage
    }
    expect(lstatSync(path).isCharacterDevice()).toBe(true);
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`✖ .env.dev-secrets at ${path} is a device, not a file.\n`);
    expect(readdirSync(dirs.repo).sort()).toEqual(['.env.dev-secrets', 'mastrakit.config.json']);
  });
});

describe('the project folder and who else may write in it', () => {
  it('world-writable without the sticky bit: exit 2 before anything is read or sent, nothing written', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    chmodSync(dirs.repo, 0o777);
    const before = tree(dirs.repo);
    const requests = standIn.requests.length;
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toBe(
      `✖ The folder ${dirs.repo} is writable by every user (mode 0777, no sticky bit), so anyone on this machine could swap .env.dev-secrets as it is written: mastrakit will not write the token there. Run \`chmod o-w ${dirs.repo}\` first. Nothing was written.\n`,
    );
    expect(tree(dirs.repo)).toEqual(before);
    expect(statSync(dirs.repo).mode & 0o7777).toBe(0o777);
    expect(standIn.requests.length).toBe(requests);
  });

  it('world-writable with the sticky bit: saved (no one else can rename our file there)', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    chmodSync(dirs.repo, 0o1777);
    const result = await stdinSetup(dirs.repo);
    expect(result.code, result.err).toBe(0);
    expect(statSync(join(dirs.repo, '.env.dev-secrets')).mode & 0o777).toBe(0o600);
  });

  it('group-writable: saved, with one ⚠ line', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    chmodSync(dirs.repo, 0o775);
    const result = await stdinSetup(dirs.repo);
    expect(result.code, result.err).toBe(0);
    const warning = `⚠ The folder ${dirs.repo} is group-writable (mode 0775): others in its group could replace .env.dev-secrets. \`chmod g-w ${dirs.repo}\` stops that.`;
    expect(result.out.split('\n').filter((l) => l.startsWith('⚠'))).toEqual([warning]);
    expect(readFileSync(join(dirs.repo, '.env.dev-secrets'), 'utf8')).toContain(`CLOUDFLARE_API_TOKEN=${TOKEN}`);
  });

  it('the real target of a link is judged: a link into a world-writable folder inside the project is refused', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG });
    mkdirSync(join(dirs.repo, 'drop'));
    chmodSync(join(dirs.repo, 'drop'), 0o777);
    symlinkSync(join('drop', '.env.dev-secrets'), join(dirs.repo, '.env.dev-secrets'));
    const before = tree(dirs.repo);
    const result = await stdinSetup(dirs.repo);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`✖ The folder ${join(dirs.repo, 'drop')} is writable by every user`);
    expect(tree(dirs.repo)).toEqual(before);
  });
});

describe('modes of existing files are never loosened', () => {
  it('a 0600 .gitignore gets the line and stays 0600; a 0640 secrets file becomes 0600', async () => {
    const dirs = world({ 'mastrakit.config.json': CONFIG, '.gitignore': 'node_modules\n', '.env.dev-secrets': 'OTHER=1\n' });
    chmodSync(join(dirs.repo, '.gitignore'), 0o600);
    chmodSync(join(dirs.repo, '.env.dev-secrets'), 0o640);
    git(dirs.repo, 'init', '-q');
    const result = await stdinSetup(dirs.repo);
    expect(result.code, result.err).toBe(0);
    expect(readFileSync(join(dirs.repo, '.gitignore'), 'utf8')).toBe('node_modules\n.env.dev-secrets\n');
    expect(statSync(join(dirs.repo, '.gitignore')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dirs.repo, '.env.dev-secrets')).mode & 0o777).toBe(0o600);
  });
});
