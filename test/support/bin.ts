import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { recordOutput, registerSecret, registerSecretsIn } from './secret-scan.js';

/** A scratch project folder with these files (removed when the test file ends). */
export { scratchProject as project } from './scratch.js';

export const BIN = resolve(import.meta.dirname, '../../dist/cli.js');

export interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built bin as a user would. Asynchronous on purpose: the stand-in serves from this same
 * process, so a synchronous spawn would deadlock it.
 */
export function runBin(
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; input?: string; bin?: string },
): Promise<BinResult> {
  // Whatever token the run is handed must not come back in its output (test/support/secret-scan.ts).
  registerSecret(options.env?.CLOUDFLARE_API_TOKEN);
  registerSecret(options.env?.CF_API_TOKEN);
  registerSecretsIn(options.input);
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [options.bin ?? BIN, ...args],
      { cwd: options.cwd, env: { PATH: process.env.PATH, HOME: options.cwd, NO_COLOR: '1', ...options.env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        recordOutput('bin stdout', String(stdout));
        recordOutput('bin stderr', String(stderr));
        done({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    // The bin may stop reading early (a 2 MB paste is refused at 64 KiB): that EPIPE is not the test's error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}
