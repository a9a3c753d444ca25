import { HEADLINE_SAMPLES, sampleWorld, type SampleTokenName } from './samples.js';
import type { RequestRecord } from './model.js';
import { startStandIn } from './server.js';

// `npm run stand-in`: the stand-in with the sample world, for running doctor or setup by hand.

function portFrom(argv: readonly string[], env: NodeJS.ProcessEnv): number {
  const index = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  const raw = index < 0 ? env.PORT : argv[index]?.includes('=') ? argv[index]?.split('=')[1] : argv[index + 1];
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`stand-in: --port wants a number from 0 to 65535, got '${raw}'\n`);
    process.exit(2);
  }
  return port;
}

function logLine(record: RequestRecord): string {
  const status = record.status ?? '---';
  const fault = record.fault ? `  (fault: ${record.fault})` : '';
  const write = record.write ? '  WRITE' : '';
  return `${record.method.padEnd(6)} ${record.path}  ${status}  ${record.ms ?? '?'}ms${fault}${write}\n`;
}

async function main(): Promise<void> {
  const samples = sampleWorld();
  const standIn = await startStandIn({
    world: samples.world,
    port: portFrom(process.argv.slice(2), process.env),
    onRequest: (record) => process.stdout.write(logLine(record)),
  });
  const names = Object.keys(samples.tokens) as SampleTokenName[];
  const ordered = [...HEADLINE_SAMPLES, ...names.filter((n) => !HEADLINE_SAMPLES.includes(n))];
  const out = [
    'Cloudflare stand-in (fake data, nothing real) on 127.0.0.1. In another terminal:',
    '',
    `  export CLOUDFLARE_API_BASE_URL=${standIn.baseUrl}`,
    `  export CF_ACCOUNT_ID=${samples.account.id}   # ${samples.account.name}, zone ${samples.zone.name}`,
    `  (second account: ${samples.otherAccount.name} ${samples.otherAccount.id})`,
    '',
    'Sample tokens (fake; paste one, or export CLOUDFLARE_API_TOKEN=...):',
    ...ordered.flatMap((name) => {
      const token = samples.tokens[name];
      return [`  ${name}: ${token.description ?? ''}`, `      ${token.value}   id ${token.id}`];
    }),
    '',
    `Admin (by token id): GET ${standIn.adminUrl}/tokens`,
    `  curl -X POST '${standIn.adminUrl}/tokens/<id>/grant?permission=dns:edit'   (or /revoke)`,
    `  GET ${standIn.adminUrl}/requests`,
    '',
    'Requests (Ctrl-C to stop):',
    '',
  ];
  process.stdout.write(out.join('\n'));
  process.once('SIGINT', () => {
    void standIn.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`stand-in: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
