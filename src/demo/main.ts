import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import kleur from 'kleur';
import { resolveConnection } from '../commands/connection.js';
import { runWizard } from '../commands/setup.js';
import { ENV } from '../env.js';
import { MastrakitError } from '../errors.js';
import { exitOnSignals } from '../exit-on-signal.js';
import { realDeps } from '../real-deps.js';
import { sampleWorld, startStandIn } from '../stand-in/index.js';
import { createClackPrompter } from '../ui/clack-prompter.js';
import { renderInlineCode } from '../ui/inline-code.js';
import { invokedAs } from '../wizard/next-command.js';
import { bannerLines } from './banner.js';
import { reminderLines, withReminder } from './reminder.js';
import { createScratchProject } from './scratch.js';

// `npm run demo`: the stand-in with the sample tokens, a scratch project, and the real wizard on this
// terminal. The wizard runs in this process, through its own prompter with one addition: before the
// failure menu it repeats the banner's sample tokens and fix, which a 40-row terminal has scrolled away.

/** The user's own Cloudflare settings must not leak into the demo (nor a real token reach the stand-in). */
const HIDDEN_VARIABLES = [...ENV.token, ...ENV.accountId];

async function main(): Promise<number> {
  // Built into dist-dev/ by tsup, beside dist/ (the shipped bin); run from source there is no bin to start.
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  if (!existsSync(cli)) {
    process.stderr.write(`demo: ${cli} not found; run \`npm run demo\` (it builds first).\n`);
    return 1;
  }
  const samples = sampleWorld();
  const standIn = await startStandIn({ world: samples.world });
  const { complete, missingDnsEdit, wrongAccount } = samples.tokens;
  try {
    const scratch = await createScratchProject(samples.account.id);
    const signals = process.platform !== 'win32';
    const grantDns = () => standIn.grant(missingDnsEdit.id, 'dns:edit');
    if (signals) process.on('SIGUSR2', grantDns);

    process.stdout.write(
      `${bannerLines({
        adminUrl: standIn.adminUrl,
        scratchDir: scratch.dir,
        pid: process.pid,
        signals,
        accountName: samples.account.name,
        zoneName: samples.zone.name,
        tokens: { complete, missingDnsEdit, wrongAccount },
      }).join('\n')}\n`,
    );

    const real = realDeps();
    const env: Record<string, string | undefined> = { ...real.env, [ENV.baseUrl[0]]: standIn.baseUrl };
    for (const name of HIDDEN_VARIABLES) delete env[name];
    // The commands the wizard prints are the ones a user of this checkout can type: node dist/cli.js ….
    const deps = { ...real, env, invokedAs: invokedAs({}, cli, real.cwd) };
    kleur.enabled = env.FORCE_COLOR ? env.FORCE_COLOR !== '0' : Boolean(deps.stdout.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
    exitOnSignals(deps, process.stdin);
    const reminder = reminderLines({ adminUrl: standIn.adminUrl, pid: process.pid, signals, tokens: { complete, missingDnsEdit, wrongAccount } });
    const prompter = withReminder(createClackPrompter({ input: deps.stdin, output: deps.stdout }), reminder);
    const options = { cwd: scratch.dir, browser: true, tokenStdin: false, yes: false, saveConfig: false };
    let code: number;
    try {
      code = await runWizard(options, deps, { prompter }, resolveConnection(deps, undefined));
    } catch (error) {
      // As main() does for the bin: an expected failure is its line and its exit code.
      if (!(error instanceof MastrakitError)) throw error;
      process.stderr.write(`${kleur.red('✖')} ${error.message}\n`);
      code = error.exitCode;
    }

    if (signals) process.off('SIGUSR2', grantDns);
    process.stdout.write(
      [
        '',
        `The wizard exited with ${code}. The scratch project is kept:`,
        `  ${scratch.dir}`,
        'The stand-in has stopped: a command above that names it gets no answer now.',
        renderInlineCode(`\`npm run stand-in\` starts a new one, at a new ${ENV.baseUrl[0]}.`),
        '',
      ].join('\n'),
    );
    return code;
  } finally {
    await standIn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
