import kleur from 'kleur';
import type { Deps } from './deps.js';
import { removeLeftovers } from './project/leftovers.js';
import { SHOW_CURSOR } from './ui/cursor.js';

/** 128 + the signal's number, as a shell reports a process the signal ended. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * A signal from outside (kill, a closing terminal, Ctrl-C while no prompt holds the keyboard) ends the
 * process at once: files are only ever replaced whole by a rename, and a save's temporary folder (which
 * may hold the token) is removed first. The terminal is given back, and one line says why.
 */
export function exitOnSignals(deps: Pick<Deps, 'stdout' | 'stderr'>, stdin: { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown }): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeLeftovers();
      if (stdin.isTTY) stdin.setRawMode?.(false);
      if (deps.stdout.isTTY) deps.stdout.write(SHOW_CURSOR);
      deps.stderr.write(`\n${kleur.red('✖')} ${signal === 'SIGINT' ? 'Cancelled' : 'Stopped'} (${signal}).\n`);
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}
