import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordOutput, registerSecret, registerSecretsIn } from './secret-scan.js';

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

/** A scratch project folder with these files. */
export function project(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content);
    for (const match of content.matchAll(/^\s*(?:export\s+)?(?:CLOUDFLARE_API_TOKEN|CF_API_TOKEN)\s*=(.*)$/gm)) registerSecretsIn(match[1]);
  }
  return dir;
}
