import kleur from 'kleur';
import { exitOnSignals } from './exit-on-signal.js';
import { main } from './main.js';
import { realDeps } from './real-deps.js';

// The bin. Everything it does is in main(); this file only binds it to the real process.
async function run(): Promise<void> {
  const cleanups = new Set<() => Promise<void>>();
  const deps = realDeps(cleanups);
  kleur.enabled = deps.env.FORCE_COLOR ? deps.env.FORCE_COLOR !== '0' : Boolean(deps.stdout.isTTY) && !deps.env.NO_COLOR && deps.env.TERM !== 'dumb';
  exitOnSignals(deps, process.stdin, cleanups);
  const code = await main(process.argv.slice(2), deps);
  // Exit now: an idle keep-alive socket must not hold the process open. stdout is synchronous on pipes and files.
  process.exit(code);
}

void run();
