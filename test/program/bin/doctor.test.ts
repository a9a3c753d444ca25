import { describe, expect, it } from 'vitest';
import { sampleWorld, type SampleTokenName } from '../../../src/stand-in/index.js';
import { project, runBin, type BinResult } from '../../support/bin.js';
import { useStandIn } from '../../support/stand-in.js';

const sample = sampleWorld();
const ACME = sample.account.id;
const allTokens = Object.values(sample.tokens).map((t) => t.value);
const standIn = useStandIn({ world: sample.world }, { clearFaults: true });

const nestedConfig = JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'nested' });

interface Scenario {
  token?: SampleTokenName | string;
  /** Where the token is: the environment or .env.dev-secrets (default). */
  from?: 'env' | 'file';
  config?: string;
  args?: string[];
  env?: Record<string, string>;
  accountInFile?: boolean;
}

async function doctor(s: Scenario): Promise<BinResult> {
  const value = s.token ? (sample.tokens[s.token as SampleTokenName]?.value ?? s.token) : undefined;
  const files: Record<string, string> = { 'mastrakit.config.json': s.config ?? nestedConfig };
  const secrets = [
    value && s.from !== 'env' ? `CLOUDFLARE_API_TOKEN=${value}` : '',
    s.accountInFile === false ? '' : `CF_ACCOUNT_ID=${ACME}`,
  ].filter(Boolean);
  files['.env.dev-secrets'] = `${secrets.join('\n')}\n`;
  const cwd = project(files);
  const env = { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, ...(value && s.from === 'env' ? { CLOUDFLARE_API_TOKEN: value } : {}), ...s.env };
  const before = standIn.requests.length;
  const result = await runBin(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...(s.args ?? [])], { cwd, env });
  // In every scenario: the token appears in no output and no request, and nothing was changed.
  for (const token of allTokens) {
    expect(result.stdout).not.toContain(token);
    expect(result.stderr).not.toContain(token);
  }
  for (const r of standIn.requests.slice(before)) {
    for (const token of allTokens) expect(r.path).not.toContain(token);
  }
  expect(standIn.writes).toEqual([]);
  if (result.stderr.includes('    at ')) throw new Error(`stack trace printed:\n${result.stderr}`);
  return result;
}

// The scenario table runs in-process (test/commands/doctor.test.ts). These few runs of the built bin are
// for what only a process shows: its exit code, and stdout and stderr kept apart.
describe('doctor, the built bin, against the stand-in', () => {
  it.concurrent.each<[string, Scenario, number, string[]]>([
    ['all six held, nested', { token: 'complete' }, 0, ['✔ SSL and Certificates: Edit', '✔ CLOUDFLARE_API_TOKEN is ready to deploy.']],
    ['missing DNS: Edit', { token: 'missingDnsEdit' }, 1, ['❌ missing permission: com.cloudflare.edge.dns.write']],
  ])('%s → exit %i', async (_name, scenario, code, lines) => {
    const result = await doctor(scenario);
    expect(result.code, result.stdout + result.stderr).toBe(code);
    const shown = result.stdout.split('\n');
    for (const l of lines) expect(shown.some((s) => s.includes(l)), `${l}\n---\n${result.stdout}`).toBe(true);
    expect(result.stderr).toBe('');
  });

  it('5xx until the retries run out: exit 3', async () => {
    standIn.fault({ kind: 'status', status: 503, path: '/user/tokens/verify', times: Infinity });
    const result = await doctor({ token: 'complete' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^✖ Cloudflare answered 503 three times/m);
  });

  it('no token: exit 2, on stderr only', async () => {
    const result = await doctor({});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No CLOUDFLARE_API_TOKEN found');
    expect(result.stdout).toBe('');
  });
});

describe('doctor --json, the built bin', () => {
  it('parses, and ok agrees with the exit code', async () => {
    const result = await doctor({ token: 'missingDnsEdit', args: ['--json'] });
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.missing).toEqual(['com.cloudflare.edge.dns.write']);
  });

  it('a usage error still gives one JSON document on stdout, the line on stderr', async () => {
    const result = await doctor({ token: 'complete', args: ['--json', '--domain-style', 'nestd'] });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({ schemaVersion: 1, version: expect.any(String), ok: false, error: "--domain-style must be `flat` or `nested`, not 'nestd'. Did you mean `nested`?" });
    expect(result.stderr).toBe("✖ --domain-style must be `flat` or `nested`, not 'nestd'. Did you mean `nested`?\n");
  });
});
