import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalError } from '../../src/errors.js';
import { cleanStaleTemps, writeFileAtomic } from '../../src/project/atomic-write.js';

const scratch = mkdtempSync(join(tmpdir(), 'mastrakit-atomic-'));
afterAll(() => {
  // A read-only folder left by a failed test must not stop the clean-up.
  for (const entry of readdirSync(scratch)) chmodSync(join(scratch, entry), 0o755);
  rmSync(scratch, { recursive: true, force: true });
});
let n = 0;
function folder(): string {
  const dir = join(scratch, `d${n++}`);
  mkdirSync(dir);
  return dir;
}

/** Root ignores permission bits, so read-only cases cannot be staged; those tests say so and skip. */
const isRoot = process.getuid?.() === 0;

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('writeFileAtomic', () => {
  it('creates a file with mode 0600 by default and leaves no temp file', async () => {
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    await writeFileAtomic(path, 'A=1\n');
    expect(readFileSync(path, 'utf8')).toBe('A=1\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
  });

  it('replaces content and applies the mode asked for, whatever the old mode', async () => {
    const dir = folder();
    const path = join(dir, 'file.txt');
    writeFileSync(path, 'old', { mode: 0o666 });
    chmodSync(path, 0o666);
    await writeFileAtomic(path, 'new', { mode: 0o644 });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o644);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const dir = folder();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'secrets');
    writeFileSync(target, 'old');
    const link = join(dir, '.env.dev-secrets');
    symlinkSync('real/secrets', link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real/secrets');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir).sort()).toEqual(['.env.dev-secrets', 'real']);
  });

  it('creates the target of a dangling symlink', async () => {
    const dir = folder();
    const link = join(dir, 'link');
    symlinkSync('missing', link);
    await writeFileAtomic(link, 'x');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'missing'), 'utf8')).toBe('x');
  });

  it('refuses a folder at the path in one sentence', async () => {
    const dir = folder();
    mkdirSync(join(dir, '.env.dev-secrets'));
    const error = await failure(writeFileAtomic(join(dir, '.env.dev-secrets'), 'x'));
    expect(error).toBeInstanceOf(LocalError);
    expect(error.message).toBe(`Cannot write ${join(dir, '.env.dev-secrets')}: it is a folder, not a file.`);
  });

  it('names a missing folder', async () => {
    const dir = folder();
    const error = await failure(writeFileAtomic(join(dir, 'nope', 'f'), 'secret-content'));
    expect(error).toBeInstanceOf(LocalError);
    expect(error.message).toBe(`Cannot write ${join(dir, 'nope', 'f')}: the folder ${join(dir, 'nope')} does not exist.`);
  });

  // Root writes regardless of permission bits, so this cannot be staged there: skipped, not faked.
  it.skipIf(isRoot)('says a read-only folder is read-only, keeps the old file, leaves no temp', async () => {
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    writeFileSync(path, 'OLD=1\n');
    chmodSync(dir, 0o555);
    try {
      const error = await failure(writeFileAtomic(path, 'NEW=secret\n'));
      expect(error).toBeInstanceOf(LocalError);
      expect(error.message).toBe(`Cannot write ${path}: the folder ${dir} is not writable.`);
      expect(error.message).not.toContain('secret');
    } finally {
      chmodSync(dir, 0o755);
    }
    expect(readFileSync(path, 'utf8')).toBe('OLD=1\n');
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
  });

  it.skipIf(isRoot)('refuses to replace a read-only file', async () => {
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    writeFileSync(path, 'OLD=1\n');
    chmodSync(path, 0o400);
    const error = await failure(writeFileAtomic(path, 'NEW=1\n'));
    expect(error.message).toBe(`Cannot write ${path}: the file is read-only.`);
    expect(readFileSync(path, 'utf8')).toBe('OLD=1\n');
  });

  it('removes its temp file and keeps the old file when the write fails before the rename', async () => {
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    writeFileSync(path, 'OLD=1\n');
    const error = await failure(
      writeFileAtomic(path, 'NEW=1\n', {
        beforeRename: () => {
          expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
          throw Object.assign(new Error('boom'), { code: 'EIO' });
        },
      }),
    );
    expect(error).toBeInstanceOf(LocalError);
    expect(error.message).toBe(`Cannot write ${path} (EIO).`);
    expect(readFileSync(path, 'utf8')).toBe('OLD=1\n');
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
  });
});

/** Bundles the real module to plain JS, since a child node cannot load .ts. */
function bundleWriter(): string {
  const bundle = join(scratch, `writer-${n++}.mjs`);
  buildSync({
    entryPoints: [resolve(import.meta.dirname, '../../src/project/atomic-write.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'silent',
  });
  return bundle;
}

const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

// Under root the permission cases above are skipped; where setpriv exists, stage them for real
// by running the writer as the unprivileged user nobody (uid 65534).
describe.runIf(isRoot && setpriv)('read-only cases as an unprivileged user', () => {
  function runAsNobody(script: string): Promise<string> {
    return new Promise((done, fail) => {
      execFile(
        setpriv as string,
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script],
        (error, stdout, stderr) => (error ? fail(new Error(stderr || String(error))) : done(stdout)),
      );
    });
  }

  it('a read-only folder: LocalError saying so, old file intact, no temp', async () => {
    chmodSync(scratch, 0o755);
    const bundle = bundleWriter();
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    writeFileSync(path, 'OLD=1\n');
    chownSync(path, 65534, 65534); // the file is writable by nobody; the folder is not
    const out = await runAsNobody(`
      import { writeFileAtomic } from ${JSON.stringify(bundle)};
      try { await writeFileAtomic(${JSON.stringify(path)}, 'NEW=secret\\n'); console.log('written'); }
      catch (e) { console.log(e.name + ': ' + e.message); }`);
    expect(out.trim()).toBe(`LocalError: Cannot write ${path}: the folder ${dir} is not writable.`);
    expect(readFileSync(path, 'utf8')).toBe('OLD=1\n');
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
  });

  it('a read-only file in a writable folder is refused, not replaced', async () => {
    chmodSync(scratch, 0o755);
    const bundle = bundleWriter();
    const dir = folder();
    chmodSync(dir, 0o777);
    const path = join(dir, '.env.dev-secrets');
    writeFileSync(path, 'OLD=1\n', { mode: 0o644 }); // owned by root: read-only to nobody
    const out = await runAsNobody(`
      import { writeFileAtomic } from ${JSON.stringify(bundle)};
      try { await writeFileAtomic(${JSON.stringify(path)}, 'NEW=1\\n'); console.log('written'); }
      catch (e) { console.log(e.name + ': ' + e.message); }`);
    expect(out.trim()).toBe(`LocalError: Cannot write ${path}: the file is read-only.`);
    expect(readFileSync(path, 'utf8')).toBe('OLD=1\n');
  });
});

describe('cleanStaleTemps', () => {
  it('removes temps of dead processes and old ones, keeps a live young one and other files', async () => {
    const dir = folder();
    const dead = `.env.dev-secrets.${2 ** 22 + 12345}.abcdef.tmp`; // above Linux's pid_max default
    const live = `.env.dev-secrets.${process.pid}.123456.tmp`;
    const liveOld = `.env.dev-secrets.${process.pid}.654321.tmp`;
    const other = ['.env.dev-secrets', '.env.dev-secrets.bak', '.other.1.ab.tmp', '.mastrakit.config.json.1.ab.tmp'];
    for (const f of [dead, live, liveOld, ...other]) writeFileSync(join(dir, f), '');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir, liveOld), minuteAgo, minuteAgo);
    expect((await cleanStaleTemps(dir, '.env.dev-secrets')).sort()).toEqual([dead, liveOld].sort());
    expect(readdirSync(dir).sort()).toEqual([live, ...other].sort());
  });

  it('uses a hidden prefix for names without a dot', async () => {
    const dir = folder();
    const dead = `.mastrakit.config.json.${2 ** 22 + 1}.ab.tmp`;
    writeFileSync(join(dir, dead), '');
    expect(await cleanStaleTemps(dir, 'mastrakit.config.json')).toEqual([dead]);
  });

  it('is quiet about a missing folder', async () => {
    expect(await cleanStaleTemps(join(scratch, 'nope'), '.env.dev-secrets')).toEqual([]);
  });
});

/** The real modules, bundled for a child node: the writer and the signal handler cli.ts installs. */
function bundleChild(): string {
  const entry = join(scratch, `child-entry-${n}.ts`);
  writeFileSync(
    entry,
    `export { writeFileAtomic } from ${JSON.stringify(resolve(import.meta.dirname, '../../src/project/atomic-write.ts'))};\n` +
      `export { exitOnSignals } from ${JSON.stringify(resolve(import.meta.dirname, '../../src/exit-on-signal.ts'))};\n`,
  );
  const bundle = join(scratch, `child-${n++}.mjs`);
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
  return bundle;
}

/** A child that installs cli.ts's signal handler, then writes `path` and pauses just before the rename. */
async function pausedWriter(path: string, content: string): Promise<ReturnType<typeof spawn>> {
  const bundle = bundleChild();
  const script = `
    import { writeFileAtomic, exitOnSignals } from ${JSON.stringify(bundle)};
    exitOnSignals({ stdout: process.stdout, stderr: process.stderr }, process.stdin);
    setInterval(() => {}, 60_000); // a pending promise alone does not keep node alive
    await writeFileAtomic(${JSON.stringify(path)}, ${JSON.stringify(content)}, {
      beforeRename: () => { process.stdout.write('paused\\n'); return new Promise(() => {}); },
    });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('paused') && done());
    child.on('exit', (code) => fail(new Error(`child exited early (${code})`)));
  });
  return child;
}

function gitIgnores(dir: string, file: string): Promise<boolean> {
  return new Promise((done) =>
    execFile('git', ['check-ignore', '-q', '--no-index', '--', file], { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } }, (error) =>
      done(!error),
    ),
  );
}

describe('a writer killed between temp write and rename', () => {
  it('SIGKILL: the old file byte-identical, the leftover matched by the one .gitignore line, cleaned by the next write', async () => {
    const dir = folder();
    await new Promise((done) => execFile('git', ['init', '-q'], { cwd: dir }, done));
    writeFileSync(join(dir, '.gitignore'), '.env.dev-secrets\n');
    const path = join(dir, '.env.dev-secrets');
    const old = Buffer.from('\uFEFF# keep me\r\nCLOUDFLARE_API_TOKEN=old\r\n', 'utf8');
    writeFileSync(path, old, { mode: 0o600 });

    const child = await pausedWriter(path, 'CLOUDFLARE_API_TOKEN=new\n');
    const temps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    expect(temps).toEqual([expect.stringMatching(new RegExp(`^\\.mastrakit-${child.pid}-[0-9a-f]+\\.tmp$`))]);
    const tempDir = join(dir, temps[0] as string);
    expect(statSync(tempDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(tempDir)).toEqual(['.env.dev-secrets']);
    expect(readFileSync(join(tempDir, '.env.dev-secrets'), 'utf8')).toBe('CLOUDFLARE_API_TOKEN=new\n');

    const exited = new Promise((done) => child.on('exit', done));
    child.kill('SIGKILL');
    await exited;

    expect(readFileSync(path).equals(old)).toBe(true);
    // What a kill leaves is covered by the line that covers the file: nothing to widen.
    expect(await gitIgnores(dir, `${temps[0]}/.env.dev-secrets`)).toBe(true);
    expect(await gitIgnores(dir, '.env.dev-secrets.example')).toBe(false);

    await writeFileAtomic(path, 'CLOUDFLARE_API_TOKEN=next\n');
    expect(readdirSync(dir).sort()).toEqual(['.env.dev-secrets', '.git', '.gitignore']);
    expect(readFileSync(path, 'utf8')).toBe('CLOUDFLARE_API_TOKEN=next\n');
  });

  it.each([
    ['SIGINT', 130, 'Cancelled (SIGINT).'],
    ['SIGTERM', 143, 'Stopped (SIGTERM).'],
  ] as const)('%s: the temporary folder is removed before the exit (%i), the old file kept', async (signal, code, line) => {
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    writeFileSync(path, 'OLD=1\n', { mode: 0o600 });
    const child = await pausedWriter(path, 'CLOUDFLARE_API_TOKEN=new\n');
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d));
    expect(readdirSync(dir)).toHaveLength(2);
    const exited = new Promise<number | null>((done) => child.once('close', (c) => done(c)));
    child.kill(signal);
    expect(await exited).toBe(code);
    expect(stderr.trim()).toBe(`✖ ${line}`);
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
    expect(readFileSync(path, 'utf8')).toBe('OLD=1\n');
  });
});

describe('modes', () => {
  it.each([
    ['a 0600 .gitignore stays 0600 (asked 0644)', 0o600, 0o644, 0o600],
    ['a 0640 secrets file becomes 0600', 0o640, 0o600, 0o600],
    ['a 0666 file is cut to 0644', 0o666, 0o644, 0o644],
  ])('%s', async (_, before, asked, after) => {
    const dir = folder();
    const path = join(dir, 'f');
    writeFileSync(path, 'old');
    chmodSync(path, before);
    await writeFileAtomic(path, 'new', { mode: asked });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(after);
  });

  it('the temporary file has mode 0600 before its first byte, even with umask 0', async () => {
    const bundle = bundleWriter();
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    const script = `
      import { statSync } from 'node:fs';
      import { writeFileAtomic } from ${JSON.stringify(bundle)};
      process.umask(0);
      await writeFileAtomic(${JSON.stringify(path)}, 'CLOUDFLARE_API_TOKEN=new\\n', {
        beforeWrite: (temp) => { const s = statSync(temp); console.log((s.mode & 0o777).toString(8), s.size); },
      });`;
    const out = await new Promise<string>((done, fail) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], (error, stdout, stderr) => (error ? fail(new Error(stderr)) : done(stdout))),
    );
    expect(out.trim()).toBe('600 0');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
