import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { createTransport } from '../../src/cloudflare/transport.js';
import type { Deps } from '../../src/deps.js';
import { recordOutput } from './secret-scan.js';

export interface TestDeps extends Deps {
  out: () => string;
  err: () => string;
  opened: string[];
  /** What a SIGINT or SIGTERM would run now (cli.ts runs them before exiting); tests call them to stand in for a signal. */
  signalCleanups: Set<() => Promise<void>>;
}

/** Real network and git, captured stdio, a fixed clock unless given. One object per test, like cli.ts builds. */
export function testDeps(overrides: Partial<Deps> & { env?: Record<string, string | undefined> } = {}): TestDeps {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
    recordOutput('deps stdout', c.toString());
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString();
    recordOutput('deps stderr', c.toString());
  });
  const env = overrides.env ?? {};
  const opened: string[] = [];
  const signalCleanups = new Set<() => Promise<void>>();
  return {
    cwd: process.cwd(),
    now: () => new Date('2026-11-27T12:00:00Z'),
    sleep: async () => undefined,
    fetch: createTransport(env),
    openUrl: async (url) => {
      opened.push(url);
    },
    git: (args, cwd) =>
      new Promise((resolve) => {
        execFile('git', args, { cwd }, (error, so) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: String(so) }));
      }),
    stdin: new PassThrough(),
    stdout,
    stderr,
    platform: 'linux',
    beforeSignalExit: (cleanup) => {
      signalCleanups.add(cleanup);
      return () => {
        signalCleanups.delete(cleanup);
      };
    },
    invokedAs: 'mastrakit',
    ...overrides,
    env,
    out: () => out,
    err: () => err,
    opened,
    signalCleanups,
  };
}
