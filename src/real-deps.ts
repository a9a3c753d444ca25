import { execFile } from 'node:child_process';
import type { Deps, HttpFetch } from './deps.js';
import { invokedAs } from './wizard/next-command.js';

/**
 * The real world, built once by cli.ts, which runs `signalCleanups` when a signal stops the process. undici and `open` are imported on first use only, so that
 * `--help` and `--version` start as fast as bare node.
 */
export function realDeps(
  signalCleanups: Set<() => Promise<void>> = new Set(),
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Deps {
  const env = { ...environment };
  const cwd = process.cwd();
  let transport: Promise<HttpFetch> | undefined;
  return {
    env,
    cwd,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fetch: async (url, init) => {
      transport ??= import('./cloudflare/transport.js').then((m) => m.createTransport(env));
      return (await transport)(url, init);
    },
    openUrl: async (url) => {
      const { default: open } = await import('open');
      // Detached and unawaited beyond spawn: a browser that never starts must not hold the wizard.
      await open(url, { wait: false });
    },
    git: (args, cwd) =>
      new Promise((resolve) => {
        execFile('git', args, { cwd, timeout: 5000 }, (error, stdout) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout: String(stdout) });
        });
      }),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    platform: process.platform,
    beforeSignalExit: (cleanup) => {
      signalCleanups.add(cleanup);
      return () => {
        signalCleanups.delete(cleanup);
      };
    },
    invokedAs: invokedAs(env, process.argv[1], cwd),
  };
}
