import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn, type StandIn } from '../../../src/stand-in/index.js';
import { BIN, project } from '../../support/bin.js';
import { runInPty } from '../../support/pty.js';
import { recordOutput, registerSecret } from '../../support/secret-scan.js';

// SIGINT and SIGTERM from outside while the token is being checked (Cloudflare never answers):
// 130 / 143 at once, one line, every file byte-identical, and the terminal given back.

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
registerSecret(TOKEN);
const standIns: StandIn[] = [];
afterAll(async () => {
  for (const s of standIns) await s.close();
});

/** A stand-in that takes the token check and never answers it. */
async function hangingStandIn(): Promise<StandIn> {
  const standIn = await startStandIn({ world: sample.world });
  standIns.push(standIn);
  standIn.fault({ kind: 'hang-headers', path: '/user/tokens/verify', times: Infinity });
  return standIn;
}

async function requested(standIn: StandIn): Promise<void> {
  for (let i = 0; i < 200 && !standIn.requests.some((r) => r.path.includes('/user/tokens/verify')); i++) await delay(25);
  expect(standIn.requests.length).toBeGreaterThan(0);
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out[name] = statSync(path).isFile() ? `${(statSync(path).mode & 0o777).toString(8)} ${readFileSync(path, 'latin1')}` : 'folder';
  }
  return out;
}

const files = {
  'mastrakit.config.json': '{ "slug": "acme" }\n',
  '.env.dev-secrets': `# mine\r\nOTHER_SECRET="keep me"\r\nCF_ACCOUNT_ID=${sample.account.id}\r\n`,
};

describe('a signal during validation, on pipes', () => {
  it.concurrent.each([
    ['doctor', 'SIGINT', 130, 'Cancelled (SIGINT).'],
    ['doctor', 'SIGTERM', 143, 'Stopped (SIGTERM).'],
    ['setup --token-stdin --yes', 'SIGINT', 130, 'Cancelled (SIGINT).'],
    ['setup --token-stdin --yes', 'SIGTERM', 143, 'Stopped (SIGTERM).'],
  ] as const)('%s, %s → exit %i, nothing written', async (command, signal, code, line) => {
    const standIn = await hangingStandIn();
    const doctor = command === 'doctor';
    const cwd = project(doctor ? { ...files, '.env.dev-secrets': `${files['.env.dev-secrets']}CLOUDFLARE_API_TOKEN=${TOKEN}\r\n` } : files);
    const before = snapshot(cwd);
    const args = doctor ? ['doctor', '--key', 'CLOUDFLARE_API_TOKEN', '--no-domain'] : ['setup', '--token-stdin', '--yes', '--no-domain'];
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1', CLOUDFLARE_API_BASE_URL: standIn.baseUrl },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdin.end(doctor ? '' : `${TOKEN}\n`);
    // 'close', not 'exit': only then has all of the child's stderr been read.
    const exited = new Promise<number | null>((done) => child.once('close', (c) => done(c)));

    await requested(standIn);
    const sent = performance.now();
    child.kill(signal);
    const exit = await exited;
    recordOutput('bin stdout', stdout);
    recordOutput('bin stderr', stderr);
    expect(performance.now() - sent).toBeLessThan(2000);
    expect(exit).toBe(code);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`✖ ${line}`);
    expect(snapshot(cwd)).toEqual(before);
  });
});

describe.skipIf(process.platform === 'win32')('a signal during validation, in a terminal', () => {
  it('SIGTERM while the spinner runs: exit 143, cursor shown, keyboard back to normal, nothing written', async () => {
    const standIn = await hangingStandIn();
    const cwd = project(files);
    const before = snapshot(cwd);
    const run = runInPty(['setup', '--no-domain'], { cwd, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl } });
    try {
      await run.waitFor('How do you want to create the token?');
      run.write('\r');
      await run.waitFor('Paste the token');
      run.write(`${TOKEN}\r`);
      await run.waitFor('Checking the token with Cloudflare');
      await requested(standIn);
      expect(run.cursorVisible()).toBe(false);
      process.kill(run.pid, 'SIGTERM');
      expect(await run.exit).toBe(143);
      expect(run.cursorVisible()).toBe(true);
      expect(run.bufferText()).toContain('✖ Stopped (SIGTERM).');
      expect(snapshot(cwd)).toEqual(before);
    } finally {
      run.kill();
    }
  });
});
