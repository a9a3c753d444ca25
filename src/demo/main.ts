import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV } from '../env.js';
import { sampleWorld, startStandIn } from '../stand-in/index.js';
import { bannerLines } from './banner.js';
import { createScratchProject } from './scratch.js';

// `npm run demo`: the stand-in with the sample tokens, a scratch project, and the real wizard on this terminal.

/** The user's own Cloudflare settings must not leak into the demo (nor a real token reach the stand-in). */
const HIDDEN_VARIABLES = [...ENV.token, ...ENV.accountId];

function runWizard(cli: string, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'setup', '--cwd', cwd], { stdio: 'inherit', env });
    // Ctrl-C reaches the whole foreground group: the wizard handles it (exit 130); the demo waits to clean up.
    const ignore = () => undefined;
    process.on('SIGINT', ignore);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

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

    const env: NodeJS.ProcessEnv = { ...process.env, CLOUDFLARE_API_BASE_URL: standIn.baseUrl };
    for (const name of HIDDEN_VARIABLES) delete env[name];
    const code = await runWizard(cli, scratch.dir, env);

    if (signals) process.off('SIGUSR2', grantDns);
    process.stdout.write(`\nThe wizard exited with ${code}. The scratch project is kept:\n  ${scratch.dir}\n`);
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
