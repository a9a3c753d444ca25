import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, open, readdir, readlink, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LocalError } from '../errors.js';
import { trackLeftover, untrackLeftover } from './leftovers.js';

interface AtomicWriteOptions {
  /** File mode of a new file, and the loosest an existing one may get (its mode is kept, cut to this); default 0600 (secrets). */
  mode?: number;
  /** Test hook: runs once the temporary file exists with its final mode, before any byte is written. */
  beforeWrite?: (tempPath: string) => void | Promise<void>;
  /** Test hook: runs after the temporary file is complete, before it replaces the target. */
  beforeRename?: () => void | Promise<void>;
}

/** A temp left by a killed writer is removed after this long even if its pid looks alive (pids get reused). */
const STALE_MS = 30_000;

/**
 * The temporary folder a save writes in: `.mastrakit-<pid>-<hex>.tmp/`, beside the target, mode 0700.
 * The file inside has the target's own name, so what a SIGKILL leaves (`.mastrakit-…tmp/.env.dev-secrets`)
 * is matched by the same `.gitignore` line as the file itself: a pattern without a slash matches at any depth.
 */
const TEMP_FOLDER = /^\.mastrakit-(\d+)-[0-9a-f]+\.tmp$/;

/**
 * What a save of `file` (relative to the project, with `/`) killed mid-write leaves: its temporary folder
 * beside it with the file's own name inside. For asking git whether that is ignored too.
 */
export function leftoverOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return `${file.slice(0, slash + 1)}.mastrakit-0-0.tmp/${file.slice(slash + 1)}`;
}

/** Temp files of earlier versions, beside the target: `.env.dev-secrets.<pid>.<hex>.tmp`. */
function oldTempPattern(baseName: string): RegExp {
  const prefix = baseName.startsWith('.') ? baseName : `.${baseName}`;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
 * Removes what a killed writer left in `dir`: temporary folders (and the temp files of earlier versions
 * beside `baseName`) whose process is gone, and any older than half a minute. Best effort; returns the names removed.
 */
export async function cleanStaleTemps(dir: string, baseName: string, now = Date.now()): Promise<string[]> {
  const old = oldTempPattern(baseName);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const folder = TEMP_FOLDER.exec(name);
    const file = folder ? null : old.exec(name);
    const match = folder ?? file;
    if (!match) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      // Never follow a link planted under one of these names.
      if (folder ? !info.isDirectory() : !info.isFile()) continue;
      const pid = Number(match[1]);
      const stale = now - info.mtimeMs > STALE_MS;
      if (stale || (pid !== process.pid && !pidAlive(pid))) {
        await rm(path, { recursive: true, force: true });
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
 * Replaces a file's content all at once: the content is written in a fresh temporary folder beside the
 * target (mode 0700, the file given its mode before its first byte), flushed and renamed over the target,
 * so a crash leaves the old file or the new one, never half. A SIGINT or SIGTERM meanwhile removes the
 * folder (leftovers.ts). A symlink at `path` keeps pointing where it did; its target gets the content
 * (callers refuse links out of the project first: project-file.ts). An existing file keeps its mode, never
 * loosened past `mode`. A read-only file is refused rather than silently replaced. Failures throw a
 * one-sentence LocalError (never the content).
 */
export async function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions = {}): Promise<void> {
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
  // A 0600 file stays 0600 even when a 0644 one would be made new.
  const mode = existing ? (options.mode ?? 0o600) & existing.mode & 0o777 : (options.mode ?? 0o600);
  await cleanStaleTemps(dir, name);

  const tempDir = join(dir, `.mastrakit-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let made = false;
  try {
    await mkdir(tempDir, { mode: 0o700 });
    made = true;
    trackLeftover(tempDir);
    const temp = join(tempDir, name);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(mode); // open's mode is cut by the umask; set it before the content goes in
      await options.beforeWrite?.(temp);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.();
    await rename(temp, target);
  } catch (error) {
    if (error instanceof LocalError) throw error;
    throw writeFailure(target, error);
  } finally {
    if (made) {
      await rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
      untrackLeftover(tempDir);
    }
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
