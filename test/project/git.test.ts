import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Deps, GitResult } from '../../src/deps.js';
import { addGitignoreLine, ensureGitignored, gitignoreStatus, ignoreLineFor } from '../../src/project/git.js';
import { leftoverOf } from '../../src/project/atomic-write.js';

const scratch = mkdtempSync(join(tmpdir(), 'mastrakit-git-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The real thing, as cli.ts would build it: git on PATH, code -1 when it cannot be started. */
function realGit(binary = 'git'): Pick<Deps, 'git'> {
  return {
    git: (args: string[], cwd: string) =>
      new Promise<GitResult>((done) => {
        execFile(binary, args, { cwd, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd, GIT_CEILING_DIRECTORIES: scratch } }, (error, stdout) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          done({ code, stdout });
        });
      }),
  };
}
const deps = realGit();

let n = 0;
async function repo(files: Record<string, string> = {}): Promise<string> {
  const dir = join(scratch, `r${n++}`);
  mkdirSync(dir);
  await deps.git(['init', '-q'], dir);
  await deps.git(['config', 'user.email', 'test@example.com'], dir);
  await deps.git(['config', 'user.name', 'Test'], dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
function plainFolder(): string {
  const dir = join(scratch, `plain${n++}`);
  mkdirSync(dir);
  return dir;
}

describe('addGitignoreLine', () => {
  it.each([
    ['no file', null, '.env.dev-secrets\n'],
    ['empty file', '', '.env.dev-secrets\n'],
    ['appends', 'node_modules\n', 'node_modules\n.env.dev-secrets\n'],
    ['adds the missing newline first', 'node_modules', 'node_modules\n.env.dev-secrets\n'],
    ['keeps CRLF', 'dist\r\nnode_modules\r\n', 'dist\r\nnode_modules\r\n.env.dev-secrets\r\n'],
    ['CRLF without a final newline', 'dist\r\nnode_modules', 'dist\r\nnode_modules\r\n.env.dev-secrets\r\n'],
    ['already there', 'a\n.env.dev-secrets\nb\n', 'a\n.env.dev-secrets\nb\n'],
    ['already there with spaces', 'a\n  .env.dev-secrets \n', 'a\n  .env.dev-secrets \n'],
    ['a similar line is not the line', '.env.dev-secrets.bak\n', '.env.dev-secrets.bak\n.env.dev-secrets\n'],
  ])('%s', (_, text, expected) => {
    expect(addGitignoreLine(text, '.env.dev-secrets')).toBe(expected);
  });
});

describe('gitignoreStatus (real git in a temp repo)', () => {
  it('outside a repo', async () => {
    expect(await gitignoreStatus(deps, plainFolder())).toEqual({ inRepo: false, ignored: false, tracked: false });
  });

  it('git not installed reads as not in a repo', async () => {
    const missing = realGit('/nonexistent/git');
    expect((await missing.git(['--version'], scratch)).code).toBe(-1);
    expect(await gitignoreStatus(missing, await repo())).toEqual({ inRepo: false, ignored: false, tracked: false });
  });

  it('in a repo, not ignored', async () => {
    const dir = await repo({ '.env.dev-secrets': 'A=1\n' });
    expect(await gitignoreStatus(deps, dir)).toEqual({ inRepo: true, ignored: false, tracked: false });
  });

  it('ignored by a pattern, even before the file exists', async () => {
    const dir = await repo({ '.gitignore': '.env*\n' });
    expect(await gitignoreStatus(deps, dir)).toEqual({ inRepo: true, ignored: true, tracked: false });
  });

  it('committed and ignored: tracked is what matters', async () => {
    const dir = await repo({ '.env.dev-secrets': 'A=1\n' });
    await deps.git(['add', '.env.dev-secrets'], dir);
    await deps.git(['commit', '-q', '-m', 'oops'], dir);
    writeFileSync(join(dir, '.gitignore'), '.env.dev-secrets\n');
    expect(await gitignoreStatus(deps, dir)).toEqual({ inRepo: true, ignored: true, tracked: true });
  });

  it('staged only counts as tracked', async () => {
    const dir = await repo({ '.env.dev-secrets': 'A=1\n' });
    await deps.git(['add', '.env.dev-secrets'], dir);
    expect((await gitignoreStatus(deps, dir)).tracked).toBe(true);
  });

  it('from a subfolder of the repo', async () => {
    const root = await repo({ '.gitignore': 'app/.env.dev-secrets\n' });
    const app = join(root, 'app');
    mkdirSync(app);
    expect(await gitignoreStatus(deps, app)).toEqual({ inRepo: true, ignored: true, tracked: false });
  });
});

describe('ensureGitignored', () => {
  it('adds the line to an existing .gitignore, keeping it, mode 0644, and git then agrees', async () => {
    const dir = await repo({ '.gitignore': 'node_modules\r\ndist' });
    const result = await ensureGitignored(deps, dir);
    expect(result).toEqual({
      path: join(dir, '.gitignore'),
      changed: true,
      created: false,
      status: { inRepo: true, ignored: true, tracked: false },
    });
    expect(readFileSync(result.path, 'utf8')).toBe('node_modules\r\ndist\r\n.env.dev-secrets\r\n');
    expect(statSync(result.path).mode & 0o777).toBe(0o644);
  });

  it('creates .gitignore when there is none', async () => {
    const dir = await repo();
    const result = await ensureGitignored(deps, dir);
    expect(result.created).toBe(true);
    expect(readFileSync(result.path, 'utf8')).toBe('.env.dev-secrets\n');
  });

  it('changes nothing when a rule already ignores the file', async () => {
    const dir = await repo({ '.gitignore': '*.env*\n.env*\n' });
    const result = await ensureGitignored(deps, dir);
    expect(result.changed).toBe(false);
    expect(readFileSync(result.path, 'utf8')).toBe('*.env*\n.env*\n');
  });

  it('still reports a committed file as tracked after adding the line', async () => {
    const dir = await repo({ '.env.dev-secrets': 'A=1\n' });
    await deps.git(['add', '.'], dir);
    await deps.git(['commit', '-q', '-m', 'oops'], dir);
    const result = await ensureGitignored(deps, dir);
    expect(result.changed).toBe(true);
    expect(result.status).toEqual({ inRepo: true, ignored: true, tracked: true });
  });
});

describe('what a save killed mid-write leaves is ignored by the same line (real git)', () => {
  const ignores = async (dir: string, path: string) => (await deps.git(['check-ignore', '-q', '--no-index', '--', path], dir)).code === 0;

  it('an anchored /.env.dev-secrets matches the file but not its leftover: the unanchored line is added', async () => {
    const dir = await repo({ '.gitignore': '/.env.dev-secrets\n' });
    expect(await ignores(dir, '.mastrakit-123-abc.tmp/.env.dev-secrets')).toBe(false);
    const result = await ensureGitignored(deps, dir);
    expect(result.changed).toBe(true);
    expect(readFileSync(result.path, 'utf8')).toBe('/.env.dev-secrets\n.env.dev-secrets\n');
    expect(await ignores(dir, '.mastrakit-123-abc.tmp/.env.dev-secrets')).toBe(true);
  });

  it.each([
    ['config/app.env', '/config/**/app.env'],
    ['app.env', '/**/app.env'],
    ['config/[a]pp.env', '/config/**/\\[a]pp.env'],
    ['c*/a?p.env', '/c\\*/**/a\\?p.env'],
  ])('a link to %s: the line %s matches it and its leftover, and nothing else', async (file, line) => {
    expect(ignoreLineFor(file)).toBe(line);
    const dir = await repo();
    mkdirSync(join(dir, file.split('/').slice(0, -1).join('/') || '.'), { recursive: true });
    await ensureGitignored(deps, dir, file);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(`${line}\n`);
    expect(await ignores(dir, file)).toBe(true);
    expect(await ignores(dir, leftoverOf(file))).toBe(true);
    expect(await ignores(dir, 'other.env')).toBe(false);
    expect(await ignores(dir, 'config/apple.env')).toBe(false);
  });
});
