import kleur from 'kleur';
import type { Deps } from './deps.js';
import { removeLeftovers } from './project/leftovers.js';
import { SHOW_CURSOR } from './ui/cursor.js';

/** 128 + the signal's number, as a shell reports a process the signal ended. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
/** How long a signal waits for registered cleanups (a DELETE of a token just created) before exiting anyway. */
const CLEANUP_LIMIT_MS = 20_000;

/**
 * A signal from outside (kill, a closing terminal, Ctrl-C while no prompt holds the keyboard) ends the
 * process at once: files are only ever replaced whole by a rename, and a save's temporary folder (which
 * may hold the token) is removed first. The terminal is given back, and one line says why.
 */
export function exitOnSignals(
  deps: Pick<Deps, 'stdout' | 'stderr'>,
  stdin: { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown },
  cleanups: ReadonlySet<() => Promise<void>> = new Set(),
): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeLeftovers();
      if (stdin.isTTY) stdin.setRawMode?.(false);
      if (deps.stdout.isTTY) deps.stdout.write(SHOW_CURSOR);
      deps.stderr.write(`\n${kleur.red('✖')} ${signal === 'SIGINT' ? 'Cancelled' : 'Stopped'} (${signal}).\n`);
      if (cleanups.size === 0) process.exit(SIGNAL_EXIT[signal]);
      // Only `setup --create` registers one: the token it made and did not save is deleted first.
      setTimeout(() => process.exit(SIGNAL_EXIT[signal]), CLEANUP_LIMIT_MS).unref();
      void Promise.allSettled([...cleanups].map((cleanup) => cleanup())).then(() => process.exit(SIGNAL_EXIT[signal]));
    });
  }
}
