import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { safeText } from '../cloudflare/server-text.js';
import { LocalError } from '../errors.js';
import { refuseNotAFile } from './read-text.js';

/** A file mastrakit may write in the project folder, seen through any symbolic link at its name. */
export interface ProjectFile {
  /** The name in the project folder: `.env.dev-secrets`, `.gitignore`, `mastrakit.config.json`. */
  name: string;
  /** `<project>/<name>`. */
  path: string;
  /** The file a write lands on: the path itself, or the end of the link chain (always inside the project). */
  real: string;
  /** `real` relative to the project's real folder, with `/`: what git is asked about and what a message names. */
  relative: string;
  /** The name is a symbolic link (to `relative`). */
  link: boolean;
  /** The real file exists. */
  exists: boolean;
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Where a chain of links starting at `path` ends, without following it through the file system's realpath (the end may not exist). */
function endOfLinks(path: string, name: string): string {
  let current = path;
  for (let hops = 0; hops < 40; hops++) {
    const info = lstatOrNull(current);
    if (!info?.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw new LocalError(`${name} is a symbolic link that loops: mastrakit does not write through it. Nothing was written.`);
}

/** Control and format characters (escapes, `\r`, bidi overrides): a planted link's name may hold them. */
const UNSHOWABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** A path as a message shows it: control and format characters escaped (a link's text is the repository's). */
function shownPath(path: string): string {
  return safeText(path, 1024);
}

/** The canonical form of a path whose last part may not exist yet: its folder's realpath, then its name. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/**
 * Looks at `<cwd>/<name>` before anything reads or writes it: a symbolic link whose target is outside
 * the project folder is refused (a cloned repository can commit `.gitignore -> ../../.ssh/id_rsa`), and
 * so is anything there that is not a regular file of at most 1 MiB (a FIFO, a device, a folder).
 * A link inside the project is returned with `link: true`: the caller decides whether to follow it.
 */
export function inspectProjectFile(cwd: string, name: string): ProjectFile {
  const root = canonical(cwd);
  const path = join(cwd, name);
  const own = lstatOrNull(path);
  const link = own?.isSymbolicLink() ?? false;
  const real = link ? canonical(endOfLinks(path, name)) : join(root, name);
  // The link's text is the repository's: shown escaped, so it cannot drive the terminal.
  if (link && !real.startsWith(root + sep)) {
    throw new LocalError(
      `${name} is a symbolic link to ${shownPath(real)}, outside the project folder ${shownPath(root)}: mastrakit does not write through it. Nothing was written.`,
    );
  }
  // No real file name holds these; every later message (the wizard's question included) names the target.
  if (link && UNSHOWABLE.test(relative(root, real))) {
    throw new LocalError(
      `${name} is a symbolic link to ${shownPath(relative(root, real))}, a name holding control characters: mastrakit does not write through it. Nothing was written.`,
    );
  }
  let exists = false;
  try {
    const info = statSync(real);
    exists = true;
    refuseNotAFile(path, name, info);
  } catch (error) {
    if (error instanceof LocalError) throw error;
    // Absent (or a link to nothing): it will be created.
  }
  return { name, path, real, relative: relative(root, real).split(sep).join('/'), link, exists };
}

/** The folder a save replaces the file in, judged for the token: who else can swap the file there. */
export function folderExposure(file: ProjectFile): { refuse: string | null; warn: string | null } {
  const dir = dirname(file.real);
  let mode: number;
  try {
    mode = statSync(dir).mode;
  } catch {
    return { refuse: null, warn: null };
  }
  const bits = (mode & 0o777).toString(8).padStart(4, '0');
  // A sticky world-writable folder (like /tmp) lets no one else rename or delete our files.
  if (mode & 0o002 && !(mode & 0o1000)) {
    return {
      refuse: `The folder ${dir} is writable by every user (mode ${bits}, no sticky bit), so anyone on this machine could swap ${file.relative} as it is written: mastrakit will not write the token there. Run \`chmod o-w ${dir}\` first. Nothing was written.`,
      warn: null,
    };
  }
  if (mode & 0o020) {
    return {
      refuse: null,
      warn: `The folder ${dir} is group-writable (mode ${bits}): others in its group could replace ${file.relative}. \`chmod g-w ${dir}\` stops that.`,
    };
  }
  return { refuse: null, warn: null };
}
