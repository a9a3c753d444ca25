import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn, type StandIn } from '../../../src/stand-in/index.js';
import { BIN, runInPty, type PtyRun } from '../../support/pty.js';
import { scratchProject } from '../../support/scratch.js';

// The wizard as a user meets it: the built bin in a real pseudo-terminal, against the stand-in, judged
// by what the screen shows. Each test has its own stand-in, so latency and faults stay its own.

const sample = sampleWorld();
const { complete, missingDnsEdit } = sample.tokens;
const ACME = sample.account.id;
const SECRETS = '.env.dev-secrets';

const ENTER = '\r';
const DOWN = '\x1b[B';
const CTRL_C = '\x03';

const open: { run?: PtyRun; standIn?: StandIn }[] = [];
afterEach(async () => {
  for (const { run, standIn } of open.splice(0)) {
    run?.kill();
    await standIn?.close();
  }
});

const project = (files: Record<string, string>): string => scratchProject(files, 'mastrakit-pty-');

/** Every file under `dir` (HOME is the project folder, so this sees anything written there too): bytes and mode. */
function snapshot(dir: string): Record<string, { text: string; mode: number }> {
  const out: Record<string, { text: string; mode: number }> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = { text: readFileSync(path, 'latin1'), mode: statSync(path).mode & 0o777 };
  }
  return out;
}

async function wizard(cwd: string, options: { cols?: number } = {}): Promise<{ run: PtyRun; standIn: StandIn }> {
  const standIn = await startStandIn({ world: sample.world });
  const run = runInPty(['setup'], { cwd, cols: options.cols, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl } });
  open.push({ run, standIn });
  return { run, standIn };
}

/** The pasted secret shows nowhere: no screen the terminal drew, no byte of output, not even a 12-character piece. */
function expectSecretNeverShown(run: PtyRun, token: string): void {
  const pieces = Array.from({ length: token.length - 11 }, (_, i) => token.slice(i, i + 12));
  expect(run.screens.length).toBeGreaterThan(3);
  for (const text of [run.raw(), run.bufferText(), ...run.screens.map((s) => s.text)]) {
    for (const piece of pieces) expect(text).not.toContain(piece);
  }
}

/** Step 4: the dashboard (the default), then step 5's paste prompt. */
async function toPaste(run: PtyRun): Promise<void> {
  await run.waitFor('How do you want to create the token?');
  run.write(ENTER);
  await run.waitFor('Paste the token');
}

async function paste(run: PtyRun, token: string): Promise<void> {
  await toPaste(run);
  run.write(token + ENTER);
}

function savedToken(cwd: string): { text: string; mode: number } {
  const path = join(cwd, SECRETS);
  return { text: readFileSync(path, 'utf8'), mode: statSync(path).mode & 0o777 };
}

describe('mastrakit setup in a pseudo-terminal', () => {
  it('workers.dev: paste a complete token, see the checks pass, get the file with mode 0600', async () => {
    const cwd = project({ 'mastrakit.config.json': '{ "slug": "acme" }\n' });
    const { run } = await wizard(cwd);

    const intro = await run.waitFor('Deploy to a custom domain?');
    expect(intro).toContain('mastrakit setup');
    expect(intro).toContain('● No');
    run.write(ENTER);
    await paste(run, complete.value);
    const end = await run.waitFor('Ready to deploy');
    for (const line of ['✔ token is active', '✔ Workers Scripts: Edit', '✔ Account Settings: Read', '✔ Workers KV Storage: Edit']) {
      expect(end).toContain(line);
    }
    expect(end).not.toContain('DNS: Edit');
    expect(end).toContain(`Created ${SECRETS}`);
    expect(await run.exit).toBe(0);
    expect(run.cursorVisible()).toBe(true);

    const saved = savedToken(cwd);
    expect(saved.mode).toBe(0o600);
    expect(saved.text).toContain(`CLOUDFLARE_API_TOKEN=${complete.value}`);
    expect(saved.text).toContain(`CF_ACCOUNT_ID=${ACME}`);
    expectSecretNeverShown(run, complete.value);
  });

  it('flat, answered at the prompts in a 60-column terminal: the table rows are not broken by the terminal', async () => {
    const cwd = project({ 'mastrakit.config.json': '{ "slug": "acme" }\n' });
    const { run } = await wizard(cwd, { cols: 60 });

    await run.waitFor('Deploy to a custom domain?');
    run.write('y');
    await run.waitFor('Which domain?');
    run.write(`example.com${ENTER}`);
    const styles = await run.waitFor('Which host name style?');
    expect(styles).toMatch(/● Flat: auth-acme\.example\.com/);
    expect(styles).toContain('Nested: auth.acme.example.com');
    run.write(ENTER);
    await paste(run, complete.value);
    const end = await run.waitFor('Ready to deploy');
    expect(end).toContain('✔ DNS: Edit');
    expect(await run.exit).toBe(0);

    // The permission table was wrapped by the wizard, not by the terminal: each row sits on one line.
    const buffer = run.terminal.buffer.active;
    const tableRows = Array.from({ length: buffer.length }, (_, y) => buffer.getLine(y)).filter((line) =>
      /Account +Workers Scripts|Zone +DNS|Zone +Zone/.test(line?.translateToString(true) ?? ''),
    );
    expect(tableRows).toHaveLength(3);
    for (const line of tableRows) expect(line?.isWrapped).toBe(false);
    // Flat needs no certificate: no SSL row in the table, no SSL check.
    expect(run.bufferText()).not.toMatch(/Zone +SSL and Certificates +Edit|✔ SSL and Certificates/);

    expect(savedToken(cwd).text).toContain(`CLOUDFLARE_API_TOKEN=${complete.value}`);
    expect(JSON.parse(readFileSync(join(cwd, 'mastrakit.config.json'), 'utf8'))).toMatchObject({
      slug: 'acme',
      domain: 'example.com',
      domainStyle: 'flat',
    });
    expectSecretNeverShown(run, complete.value);
  });

  it('nested, chosen with the arrow key: SSL and Certificates is required and checked', async () => {
    const cwd = project({ 'mastrakit.config.json': '{ "slug": "acme" }\n' });
    const { run } = await wizard(cwd);

    await run.waitFor('Deploy to a custom domain?');
    run.write('y');
    await run.waitFor('Which domain?');
    run.write(`example.com${ENTER}`);
    await run.waitFor('Which host name style?');
    run.write(DOWN);
    await run.waitFor(/● Nested: auth\.acme\.example\.com/);
    run.write(ENTER);
    await paste(run, complete.value);
    const end = await run.waitFor('Ready to deploy');
    expect(end).toContain('✔ SSL and Certificates: Edit');
    expect(await run.exit).toBe(0);
    expect(savedToken(cwd)).toMatchObject({ mode: 0o600 });
    expect(JSON.parse(readFileSync(join(cwd, 'mastrakit.config.json'), 'utf8'))).toMatchObject({ domainStyle: 'nested' });
    expectSecretNeverShown(run, complete.value);
  });

  it('missing DNS: Edit: the failed row and its fix, then the token is edited and "Check again" passes and saves', async () => {
    const config = '{\n  "slug": "acme",\n  "domain": "example.com",\n  "domainStyle": "nested"\n}\n';
    const cwd = project({ 'mastrakit.config.json': config, [SECRETS]: `# team secrets\nCF_ACCOUNT_ID=${ACME}\n` });
    const { run, standIn } = await wizard(cwd);

    await run.waitFor('Deploy to auth.acme.example.com');
    run.write(ENTER);
    await paste(run, missingDnsEdit.value);
    const failed = await run.waitFor('What now?');
    // The new-token URL (every row) can push the ❌ line above a 24-row screen: it is in the scrollback.
    expect(run.bufferText()).toContain('❌ missing permission: com.cloudflare.edge.dns.write');
    expect(failed).toMatch(/● Check again/);
    // The docs page's backticks are rendered (bold here), not shown.
    expect(run.bufferText()).toContain('Add DNS: Edit for the zone.');
    expect(run.bufferText()).not.toContain('`');
    expect(run.raw()).toContain('Add \x1b[1mDNS: Edit\x1b[22m for the zone.');
    expect(() => readFileSync(join(cwd, SECRETS), 'utf8')).not.toThrow();
    expect(readFileSync(join(cwd, SECRETS), 'utf8')).not.toContain('CLOUDFLARE_API_TOKEN');

    // As the user would in the dashboard: the same token, now with DNS: Edit.
    standIn.grant(missingDnsEdit.id, 'dns:edit');
    run.write(ENTER);
    const end = await run.waitFor('Ready to deploy');
    expect(end).toContain('✔ DNS: Edit');
    expect(await run.exit).toBe(0);

    const saved = savedToken(cwd);
    expect(saved.mode).toBe(0o600);
    expect(saved.text).toBe(`# team secrets\nCF_ACCOUNT_ID=${ACME}\nCLOUDFLARE_API_TOKEN=${missingDnsEdit.value}\n`);
    expect(readFileSync(join(cwd, 'mastrakit.config.json'), 'utf8')).toBe(config);
    expectSecretNeverShown(run, missingDnsEdit.value);
  });

  const existing = {
    'mastrakit.config.json': '{ "slug": "acme", "domain": "example.com", "domainStyle": "flat" }\n',
    [SECRETS]: `# keep me\r\nexport CF_ACCOUNT_ID="${ACME}"\r\n`,
  };

  it('Ctrl-C at the paste prompt: exit 130, every file byte-identical, cursor visible', async () => {
    const cwd = project(existing);
    const before = snapshot(cwd);
    const { run, standIn } = await wizard(cwd);

    await run.waitFor('Deploy to auth-acme.example.com');
    run.write(ENTER);
    await toPaste(run);
    run.write(complete.value.slice(0, 10));
    run.write(CTRL_C);
    expect(await run.exit).toBe(130);
    expect(run.cursorVisible()).toBe(true);
    expect(snapshot(cwd)).toEqual(before);
    expect(standIn.requests).toEqual([]);
  });

  it('Ctrl-C while the token is being checked: the checks are abandoned, exit 130, nothing written', async () => {
    const cwd = project(existing);
    const before = snapshot(cwd);
    const { run, standIn } = await wizard(cwd);
    standIn.fault({ kind: 'slow', ms: 3000, path: '/tokens/verify' });

    await run.waitFor('Deploy to auth-acme.example.com');
    run.write(ENTER);
    await paste(run, complete.value);
    await run.waitFor('Checking the token with Cloudflare');
    expect(run.cursorVisible()).toBe(false);
    const pressed = performance.now();
    run.write(CTRL_C);
    expect(await run.exit).toBe(130);
    expect(performance.now() - pressed).toBeLessThan(2500);
    expect(run.screenText()).toMatch(/cancelled/i);
    expect(run.cursorVisible()).toBe(true);
    expect(snapshot(cwd)).toEqual(before);
    expectSecretNeverShown(run, complete.value);
  });

  /** Spawns the bin on plain pipes (stdin left open) and times it from spawn to exit. */
  async function onPipes(args: string[], cwd: string): Promise<{ code: number | null; ms: number; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1', CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    await new Promise((done) => child.once('spawn', done));
    const started = performance.now();
    // 'close', not 'exit': only then has all of the child's output been read.
    const code = await new Promise<number | null>((done) => child.once('close', done));
    const ms = performance.now() - started;
    child.stdin.destroy();
    return { code, ms, stdout, stderr };
  }

  it('without a terminal: exit 2 at once, naming --token-stdin and doctor, never waiting on the pipe', async () => {
    const cwd = project({ 'mastrakit.config.json': '{ "slug": "acme" }\n' });
    const before = snapshot(cwd);
    // What starting node and the bin costs on this machine right now (2 slow cores, other tests running).
    const baseline = await onPipes(['--version'], cwd);
    // stdin stays open: a prompt reading it would wait for ever.
    const result = await onPipes(['setup'], cwd);

    expect(result.code).toBe(2);
    expect(result.ms).toBeLessThan(Math.max(1000, baseline.ms + 700));
    expect(result.stderr).toContain('--token-stdin');
    expect(result.stderr).toContain('mastrakit doctor --key CLOUDFLARE_API_TOKEN');
    expect(result.stdout).toBe('');
    expect(snapshot(cwd)).toEqual(before);
  });
});
