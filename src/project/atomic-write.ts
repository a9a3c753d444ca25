import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, lstat, open, readdir, readlink, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LocalError } from '../errors.js';

export interface AtomicWriteOptions {
  /** File mode of the result; default 0600 (secrets). */
  mode?: number;
  /** Test hook: runs after the temporary file is complete, before it replaces the target. */
  beforeRename?: () => void | Promise<void>;
}

/** A temp file left by a killed writer is removed after this long even if its pid looks alive (pids get reused). */
const STALE_MS = 30_000;

/** Hidden temp names beside the target: `.env.dev-secrets.<pid>.<hex>.tmp`, `.mastrakit.config.json.<pid>.<hex>.tmp`. */
function tempPrefix(baseName: string): string {
  return baseName.startsWith('.') ? baseName : `.${baseName}`;
}

function tempPattern(baseName: string): RegExp {
  const escaped = tempPrefix(baseName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files a killed writer left beside `baseName` in `dir`: those whose process is gone,
 * and any older than half a minute. Best effort; returns the names removed.
 */
export async function cleanStaleTemps(dir: string, baseName: string, now = Date.now()): Promise<string[]> {
  const pattern = tempPattern(baseName);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (!info.isFile()) continue;
      const pid = Number(match[1]);
      const stale = now - info.mtimeMs > STALE_MS;
      if (stale || (pid !== process.pid && !pidAlive(pid))) {
        await unlink(path);
        removed.push(name);
      }
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Where a write to `path` must land: the final target of a symlink chain (the links stay links). */
async function resolveTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let info;
    try {
      info = await lstat(current);
    } catch {
      return current;
    }
    if (!info.isSymbolicLink()) return current;
    current = resolve(dirname(current), await readlink(current));
  }
  throw new LocalError(`Cannot write ${path}: it is a symbolic link that loops.`);
}

/** `path` is the file actually written (a symlink's target), so a folder named in the message is the real one. */
function writeFailure(path: string, error: unknown): LocalError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new LocalError(`Cannot write ${path}: the folder ${dirname(path)} is not writable.`);
    case 'EROFS':
      return new LocalError(`Cannot write ${path}: the file system is read-only.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new LocalError(`Cannot write ${path}: the disk is full.`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new LocalError(`Cannot write ${path}: the folder ${dirname(path)} does not exist.`);
    case 'EISDIR':
      return new LocalError(`Cannot write ${path}: it is a folder, not a file.`);
    default:
      return new LocalError(`Cannot write ${path}${code ? ` (${code})` : ''}.`);
  }
}

/**
 * Replaces a file's content all at once: a temp file in the same folder is written, flushed,
 * given `mode` and renamed over the target, so a crash leaves the old file or the new one, never half.
 * A symlink at `path` keeps pointing where it did; its target gets the content. A read-only file is
 * refused rather than silently replaced. Failures throw a one-sentence LocalError (never the content).
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  const target = await resolveTarget(path);
  const dir = dirname(target);
  const name = basename(target);

  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new LocalError(`Cannot write ${path}: it is a folder, not a file.`);
  if (existing) {
    try {
      await access(target, constants.W_OK);
    } catch {
      throw new LocalError(`Cannot write ${path}: the file is read-only.`);
    }
  }
  await cleanStaleTemps(dir, name);

  const temp = join(dir, `${tempPrefix(name)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(temp, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, mode); // open's mode is cut by the umask
    await options.beforeRename?.();
    await rename(temp, target);
    created = false;
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    if (error instanceof LocalError) throw error;
    throw writeFailure(target, error);
  }
  await syncFolder(dir);
}

/** Makes the rename itself durable; not every platform lets a folder be opened, so failure is ignored. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
