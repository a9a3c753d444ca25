import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { sampleWorld } from '../../../src/stand-in/index.js';
import { runInPty, type PtyRun } from '../../support/pty.js';

// `npm run demo` end to end: the banner, the real wizard, and the documented signal that adds DNS: Edit.

const DEMO = resolve(import.meta.dirname, '../../../dist-dev/demo.js');
const CLI = resolve(import.meta.dirname, '../../../dist/cli.js');
const { missingDnsEdit, complete, wrongAccount } = sampleWorld().tokens;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let run: PtyRun | undefined;
let temp: string | undefined;
afterEach(() => {
  run?.kill();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

it.skipIf(process.platform === 'win32')('the demo: missing DNS token, `kill -USR2 <pid>` as documented, Check again, saved in the kept scratch folder', async () => {
  temp = mkdtempSync(join(tmpdir(), 'mastrakit-demo-test-'));
  run = runInPty([], { script: DEMO, cwd: temp, cols: 80, rows: 40, env: { TMPDIR: temp, CLOUDFLARE_API_TOKEN: complete.value } });

  await run.waitFor('Deploy to a custom domain?');
  const banner = run.bufferText();
  for (const token of [complete, missingDnsEdit, wrongAccount]) expect(banner).toContain(token.value);
  expect(banner).toContain(`kill -USR2 ${run.pid}`);
  expect(banner).toMatch(new RegExp(`curl -X POST 'http://127\\.0\\.0\\.1:\\d+/__stand-in/tokens/${missingDnsEdit.id}/grant\\?permission=dns:edit'`));
  const [scratch] = readdirSync(temp);
  expect(scratch).toMatch(/^mastrakit-demo-/);
  const dir = join(temp, scratch ?? '');

  run.write('y');
  await run.waitFor('Which domain?');
  run.write('example.com\r');
  await run.waitFor('Which host name style?');
  run.write('\r');
  await run.waitFor('How do you want to create the token?');
  run.write('\r');
  await run.waitFor('Paste the token');
  run.write(`${missingDnsEdit.value}\r`);
  const failed = await run.waitFor('What now?');
  expect(run.bufferText()).toContain('❌ missing permission: com.cloudflare.edge.dns.write');
  // On the 80x40 screen where the check fails (the banner long scrolled away): the sample tokens and the fix.
  for (const token of [complete, missingDnsEdit, wrongAccount]) expect(failed).toContain(token.value);
  expect(failed).toContain(`  kill -USR2 ${run.pid}`);
  expect(failed).toContain('then choose Check again.');
  expect(failed).toMatch(/● Check again/);

  process.kill(run.pid, 'SIGUSR2');
  // The grant happens in the demo's own process; give the signal a moment to land before asking again.
  await new Promise((done) => setTimeout(done, 200));
  run.write('\r');
  // The scratch folder is a git repository (when git is installed): the wizard offers to ignore the secrets file.
  const next = await run.waitFor(/Add it to \.gitignore\?|Ready to deploy/);
  if (next.includes('Add it to .gitignore?')) run.write('\r');
  await run.waitFor('Ready to deploy');
  const end = await run.waitFor(`The scratch project is kept:\n  ${dir}`);
  expect(end).toContain('The wizard exited with 0.');
  // The closing command as this checkout runs it, against the stand-in; and that the stand-in is gone now.
  // Started from a folder that does not hold the checkout, the bin is named by its full path; the
  // scratch project is below that folder, so --cwd names it from there.
  expect(run.bufferText()).toMatch(
    new RegExp(`\n   CLOUDFLARE_API_BASE_URL=http://127\\.0\\.0\\.1:\\d+/client/v4 node ${escape(CLI)} doctor --key CLOUDFLARE_API_TOKEN --cwd ${escape(scratch ?? '')}\n`),
  );
  // Backticks rendered as in the wizard's own lines (bold with colour, dropped without), never literal.
  expect(end).toContain('The stand-in has stopped: a command above that names it gets no answer now.\nnpm run stand-in starts a new one, at a new CLOUDFLARE_API_BASE_URL.');
  expect(await run.exit).toBe(0);
  expect(run.cursorVisible()).toBe(true);
  // The user's own CLOUDFLARE_API_TOKEN was hidden from the wizard: the saved token is the one pasted.
  expect(readFileSync(join(dir, '.env.dev-secrets'), 'utf8')).toContain(`CLOUDFLARE_API_TOKEN=${missingDnsEdit.value}`);
});

it('the demo: Ctrl-C in the wizard ends the demo too, with 130, the cursor shown and the folder kept', async () => {
  temp = mkdtempSync(join(tmpdir(), 'mastrakit-demo-test-'));
  run = runInPty([], { script: DEMO, cwd: temp, env: { TMPDIR: temp } });
  await run.waitFor('Deploy to a custom domain?');
  run.write('\x03');
  const end = await run.waitFor('The scratch project is kept:');
  expect(end).toContain('The wizard exited with 130.');
  expect(await run.exit).toBe(130);
  expect(run.cursorVisible()).toBe(true);
  const [scratch] = readdirSync(temp);
  // Nothing written but what the demo set up (.git only where git is installed).
  const files = readdirSync(join(temp, scratch ?? '')).filter((name) => name !== '.git');
  expect(files.sort()).toEqual(['.env.dev-secrets', 'mastrakit.config.json']);
});
