import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sampleWorld, startStandIn, type SampleWorld, type StandIn } from '../../src/stand-in/index.js';
import { runInPty, type PtyRun } from '../../test/support/pty.js';
import { framesFrom } from './frames.js';
import { renderSvg } from './svg.js';

const COLS = 80;
const ROWS = 30;

export interface Recording {
  /** Under assets/, e.g. setup-wizard.svg. */
  file: string;
  title: string;
  /** Types the keys, as a person would, and returns when the wizard has ended. */
  drive(run: PtyRun, standIn: StandIn, samples: SampleWorld): Promise<void>;
}

/**
 * Records the real, built wizard (dist/cli.js) in a pseudo-terminal against the stand-in, in a scratch
 * project (slug acme, example.com, flat; CF_ACCOUNT_ID known), and writes assets/<file>. Refuses to write
 * a picture in which any 12-character piece of a token shows, the ones the stand-in created included.
 * RECORD_STILLS=<folder> writes every frame as a still SVG too, to look at one frame closely.
 */
export async function recordWizard(rootDir: string, recording: Recording): Promise<void> {
  const root = resolve(rootDir);
  const samples = sampleWorld();
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
    await recording.drive(run, standIn, samples);
    const code = await run.exit;
    if (code !== 0) throw new Error(`the wizard exited with ${code}:\n${run.screenText()}`);

    const secrets = [...Object.values(samples.tokens).map((t) => t.value), ...standIn.created.map((t) => t.value)];
    for (const screen of run.screens) {
      for (const value of secrets) {
        for (let i = 0; i + 12 <= value.length; i++) {
          if (screen.text.includes(value.slice(i, i + 12))) throw new Error('a token is visible in the recording');
        }
      }
    }
    const frames = framesFrom(run.screens, run.screens.at(-1)?.at ?? 0);
    const svg = renderSvg(frames, { cols: COLS, rows: ROWS, title: recording.title, secrets });
    const out = join(root, 'assets', recording.file);
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(out, svg);
    const stills = process.env.RECORD_STILLS;
    if (stills) {
      mkdirSync(stills, { recursive: true });
      frames.forEach((frame, i) => {
        const still = renderSvg([frame], { cols: COLS, rows: ROWS, title: `frame ${i}`, secrets });
        writeFileSync(join(stills, `${recording.file.replace(/\.svg$/, '')}-${String(i).padStart(3, '0')}.svg`), still);
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
