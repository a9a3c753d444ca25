import { readFileSync } from 'node:fs';
import { LocalError } from '../errors.js';

/** Reads a text file; null when absent. A folder there, or a file that cannot be read, is a LocalError. */
export function readTextFile(path: string, label: string): { text: string | null; utf8: boolean } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { text: null, utf8: true };
    if (code === 'EISDIR') throw new LocalError(`${label} at ${path} is a folder, not a file.`);
    if (code === 'EACCES' || code === 'EPERM') throw new LocalError(`Cannot read ${path}: permission denied.`);
    throw new LocalError(`Cannot read ${path}${code ? ` (${code})` : ''}.`);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), utf8: true };
  } catch {
    // Read it the way dotenv does (replacement characters), but never write such a file back.
    return { text: bytes.toString('utf8'), utf8: false };
  }
}
