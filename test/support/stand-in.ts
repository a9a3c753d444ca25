import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startStandIn, type StandIn, type StandInOptions } from '../../src/stand-in/index.js';
import { registerSecret } from './secret-scan.js';

/**
 * The Cloudflare stand-in for one test file: started before its first test, closed after its last; with
 * `each`, a fresh one for every test (options given as a function are asked again each time, for a fresh
 * world). The value stands for the running stand-in: use it inside tests and hooks, not at module level.
 * `clearFaults`: faults a test injected are cleared after it. Every token the stand-in created
 * (`setup --create`) joins the secret scan before the stand-in closes.
 */
export function useStandIn(
  options: StandInOptions | (() => StandInOptions) = {},
  { clearFaults = false, each = false } = {},
): StandIn {
  let running: StandIn | undefined;
  const start = async () => {
    running = await startStandIn(typeof options === 'function' ? options() : options);
  };
  const stop = async () => {
    for (const t of running?.created ?? []) registerSecret(t.value);
    await running?.close();
    running = undefined;
  };
  if (each) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
    if (clearFaults) afterEach(() => running?.clearFaults());
  }
  return new Proxy({} as StandIn, {
    get(_target, key) {
      if (!running) throw new Error('the stand-in starts before the first test: use it inside a test or a hook');
      const value: unknown = Reflect.get(running, key, running);
      return typeof value === 'function' ? value.bind(running) : value;
    },
  });
}
