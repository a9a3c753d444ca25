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

describe('a writer killed between temp write and rename', () => {
  it('leaves the old file byte-identical, and the next write cleans the stray temp', async () => {
    const dir = folder();
    const path = join(dir, '.env.dev-secrets');
    const old = Buffer.from('\uFEFF# keep me\r\nCLOUDFLARE_API_TOKEN=old\r\n', 'utf8');
    writeFileSync(path, old, { mode: 0o600 });

    // The child runs the real module and pauses in beforeRename.
    const bundle = bundleWriter();
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(bundle)};
      await writeFileAtomic(${JSON.stringify(path)}, 'CLOUDFLARE_API_TOKEN=new\\n', {
        beforeRename: () => { process.stdout.write('paused\\n'); return new Promise(() => {}); },
      });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('paused') && done());
      child.on('exit', (code) => fail(new Error(`child exited early (${code})`)));
    });
    const temps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
    expect(temps).toEqual([expect.stringMatching(new RegExp(`^\\.env\\.dev-secrets\\.${child.pid}\\.[0-9a-f]+\\.tmp$`))]);
    expect(readFileSync(join(dir, temps[0] as string), 'utf8')).toBe('CLOUDFLARE_API_TOKEN=new\n');

    const exited = new Promise((done) => child.on('exit', done));
    child.kill('SIGKILL');
    await exited;

    expect(readFileSync(path).equals(old)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);

    await writeFileAtomic(path, 'CLOUDFLARE_API_TOKEN=next\n');
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
    expect(readFileSync(path, 'utf8')).toBe('CLOUDFLARE_API_TOKEN=next\n');
  });
});
