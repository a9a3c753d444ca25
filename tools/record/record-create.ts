import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleWorld, startStandIn } from '../../src/stand-in/index.js';
import { runInPty } from '../../test/support/pty.js';
import { framesFrom } from './frames.js';
import { renderSvg } from './svg.js';

// Records `mastrakit setup` choosing "Let mastrakit create it" (dist/cli.js) against the stand-in: the
// bootstrap token pasted, the account typed, the confirmation screen, the token created, narrowed to one
// zone, checked and saved, the bootstrap token deleted. Writes assets/setup-create.svg.

const COLS = 80;
const ROWS = 30;

export async function record(rootDir: string): Promise<void> {
  const root = resolve(rootDir);
  const samples = sampleWorld();
  const sampleTokens = Object.values(samples.tokens).map((t) => t.value);
  const bootstrap = samples.tokens.bootstrap;
  // A little latency, as over the internet, so the spinner shows.
  const standIn = await startStandIn({ world: samples.world, latencyMs: 120 });
  const base = mkdtempSync(join(tmpdir(), 'mk-'));
  const cwd = join(base, 'acme');
  mkdirSync(cwd);
  writeFileSync(join(cwd, 'mastrakit.config.json'), '{\n  "slug": "acme",\n  "domain": "example.com",\n  "domainStyle": "flat"\n}\n');
  writeFileSync(join(cwd, '.env.dev-secrets'), `CF_ACCOUNT_ID=${samples.account.id}\n`);

  const run = runInPty(['setup', '--no-browser'], {
    cwd,
    cols: COLS,
    rows: ROWS,
    styled: true,
    script: join(root, 'dist/cli.js'),
    env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl },
  });
  try {
    await run.waitFor('as mastrakit.config.json says?');
    await sleep(1500);
    run.write('\r');
    await run.waitFor('How do you want to create the token?');
    await sleep(1200);
    run.write('\x1b[B');
    await sleep(700);
    run.write('\r');
    await run.waitFor('Paste the bootstrap token');
    await sleep(3000);
    run.write(bootstrap.value);
    await sleep(700);
    run.write('\r');
    await run.waitFor('When should the token expire?');
    await sleep(1500);
    run.write('\r');
    await run.waitFor('Create this token in your Cloudflare account?');
    await sleep(3500);
    run.write('\r');
    await run.waitFor('Delete the bootstrap token now?');
    await sleep(2500);
    run.write('\r');
    await run.waitFor('Ready to deploy');
    const code = await run.exit;
    if (code !== 0) throw new Error(`the wizard exited with ${code}:\n${run.screenText()}`);
    // The created token exists only now: it must not show either.
    const allTokens = [...sampleTokens, ...standIn.created.map((t) => t.value)];

    // The paste is hidden; prove it, and refuse to write a picture that holds any piece of a token.
    for (const screen of run.screens) {
      for (const value of allTokens) {
        for (let i = 0; i + 12 <= value.length; i++) {
          if (screen.text.includes(value.slice(i, i + 12))) throw new Error('a token is visible in the recording');
        }
      }
    }
    const frames = framesFrom(run.screens, run.screens.at(-1)?.at ?? 0);
    const svg = renderSvg(frames, {
      cols: COLS,
      rows: ROWS,
      title: 'mastrakit setup --create: a bootstrap token makes the deploy token, scoped to one account and one zone, checked and saved',
      secrets: allTokens,
    });
    const out = join(root, 'assets/setup-create.svg');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(out, svg);
    // RECORD_STILLS=<folder>: every frame as its own still SVG too, to look at one frame closely.
    const stills = process.env.RECORD_STILLS;
    if (stills) {
      mkdirSync(stills, { recursive: true });
      frames.forEach((frame, i) => {
        const still = renderSvg([frame], { cols: COLS, rows: ROWS, title: `frame ${i}`, secrets: allTokens });
        writeFileSync(join(stills, `frame-${String(i).padStart(3, '0')}.svg`), still);
      });
    }
    const seconds = frames.reduce((s, f) => s + f.ms, 0) / 1000;
    process.stdout.write(`${out}: ${frames.length} frames, ${seconds.toFixed(1)} s, ${Math.round(svg.length / 1024)} KB\n`);
  } finally {
    run.kill();
    await standIn.close();
    rmSync(base, { recursive: true, force: true });
  }
}

