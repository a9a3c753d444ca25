import kleur from 'kleur';
import { main } from './main.js';
import { realDeps } from './real-deps.js';
import { SHOW_CURSOR } from './ui/cursor.js';

/** 128 + the signal's number, as a shell reports a process the signal ended. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

// The bin. Everything it does is in main(); this file only binds it to the real process.
async function run(): Promise<void> {
  const deps = realDeps();
  kleur.enabled = deps.env.FORCE_COLOR ? deps.env.FORCE_COLOR !== '0' : Boolean(deps.stdout.isTTY) && !deps.env.NO_COLOR && deps.env.TERM !== 'dumb';
  // A signal from outside (kill, a closing terminal, Ctrl-C while no prompt holds the keyboard): files
  // are only ever replaced whole by a rename, so stopping at once is safe; give the terminal back first.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      if (deps.stdout.isTTY) deps.stdout.write(SHOW_CURSOR);
      deps.stderr.write(`\n${kleur.red('✖')} ${signal === 'SIGINT' ? 'Cancelled' : 'Stopped'} (${signal}).\n`);
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
  const code = await main(process.argv.slice(2), deps);
  // Exit now: an idle keep-alive socket must not hold the process open. stdout is synchronous on pipes and files.
  process.exit(code);
}

void run();
