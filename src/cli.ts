import { setFlagsFromString } from 'node:v8';
import kleur from 'kleur';
import { exitOnSignals } from './exit-on-signal.js';
import { main } from './main.js';
import { realDeps } from './real-deps.js';

// undici (loaded only for a request through a proxy) parses HTTP with llhttp compiled to WebAssembly;
// V8's optimising tier compiles that whole module up front, about 35 MiB and a few hundred ms for the
// dozen requests a check sends. The baseline compiler alone is plenty. Set here, in the bin's own
// process, never by the programmatic API (src/index.ts) in a caller's.
setFlagsFromString('--liftoff-only');

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
