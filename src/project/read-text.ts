import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { safeText } from '../cloudflare/server-text.js';
import { LocalError } from '../errors.js';

/** No project file mastrakit reads (.env.dev-secrets, mastrakit.config.json, .gitignore, package.json) is anywhere near this. */
const MAX_FILE_BYTES = 1024 * 1024;

/** What is at a path when it is not a regular file, in the words the refusal uses; null for a regular file. */
function notAFile(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** ` (a link to /dev/zero)` when `path` is a symbolic link, so the refusal names where it leads. */
function viaLink(path: string): string {
  try {
    // The link's text is the repository's: escaped, so it cannot drive the terminal.
    return lstatSync(path).isSymbolicLink() ? ` (a link to ${safeText(readlinkSync(path), 1024)})` : '';
  } catch {
    return '';
  }
}

/**
 * Refuses, in one sentence, anything at `path` that is not a regular file of at most 1 MiB. A FIFO
 * would hang the read, a device like /dev/zero would fill memory, a folder cannot be read: none is
 * opened. `info` is the stat of what the path leads to.
 */
export function refuseNotAFile(path: string, label: string, info: Stats): void {
  const what = notAFile(info);
  if (what !== null) {
    const is = what === 'not a regular file' ? 'is not a regular file' : `is ${what}, not a file`;
    throw new LocalError(`${label} at ${path}${viaLink(path)} ${is}.`);
  }
  if (info.size > MAX_FILE_BYTES) throw tooLarge(path, label);
}

function tooLarge(path: string, label: string): LocalError {
  return new LocalError(`${label} at ${path}${viaLink(path)} is larger than 1 MiB, far more than any ${label}: mastrakit does not read it.`);
}

function readFailure(path: string, error: unknown): LocalError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new LocalError(`Cannot read ${path}: permission denied.`);
  return new LocalError(`Cannot read ${path}${code ? ` (${code})` : ''}.`);
}

/**
 * Reads a text file; null when absent (a link to nothing counts as absent). Anything that is not a
 * regular file of at most 1 MiB is a LocalError before a byte is read: the path is stat'ed first, then
 * opened without blocking (a FIFO swapped in between must not hang) and checked again on the open file.
 */
export function readTextFile(path: string, label: string): { text: string | null; utf8: boolean } {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { text: null, utf8: true };
    throw readFailure(path, error);
  }
  refuseNotAFile(path, label, info);

  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, utf8: true };
    throw readFailure(path, error);
  }
  let bytes: Buffer;
  try {
    refuseNotAFile(path, label, fstatSync(fd));
    // Read to the end but never past the cap: a file that grew past it since the stat is refused, not cut.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw tooLarge(path, label);
    }
    bytes = Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof LocalError) throw error;
    throw readFailure(path, error);
  } finally {
    closeSync(fd);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), utf8: true };
  } catch {
    // Read it the way dotenv does (replacement characters), but never write such a file back.
    return { text: bytes.toString('utf8'), utf8: false };
  }
}
