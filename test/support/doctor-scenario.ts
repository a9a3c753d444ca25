import { expect } from 'vitest';
import type { SampleTokenName, SampleWorld, StandIn } from '../../src/stand-in/index.js';
import { scratchProject } from './scratch.js';

// One doctor scenario, run either way: in-process (test/commands/doctor.test.ts) or as the built bin
// (test/program/bin/doctor.test.ts).

export const nestedConfig = JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'nested' });
export const flatConfig = JSON.stringify({ slug: 'acme', domain: 'example.com', domainStyle: 'flat' });
export const devConfig = JSON.stringify({ slug: 'acme' });

export interface Scenario {
  token?: SampleTokenName | string;
  /** Where the token is: the environment or .env.dev-secrets (default). */
  from?: 'env' | 'file';
  config?: string;
  args?: string[];
  env?: Record<string, string>;
  accountInFile?: boolean;
}

export interface DoctorResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type DoctorRun = (args: string[], where: { cwd: string; env: Record<string, string> }) => Promise<DoctorResult>;

/**
 * Builds the scenario's project and environment, runs `doctor --key CLOUDFLARE_API_TOKEN` with `run`, and
 * asserts what holds in every scenario: the token appears in no output and no request, nothing was
 * changed, and no stack trace was printed.
 */
export async function runScenario(standIn: StandIn, sample: SampleWorld, s: Scenario, run: DoctorRun): Promise<DoctorResult> {
  const allTokens = Object.values(sample.tokens).map((t) => t.value);
  const value = s.token ? (sample.tokens[s.token as SampleTokenName]?.value ?? s.token) : undefined;
  const files: Record<string, string> = { 'mastrakit.config.json': s.config ?? nestedConfig };
  const secrets = [
    value && s.from !== 'env' ? `CLOUDFLARE_API_TOKEN=${value}` : '',
    s.accountInFile === false ? '' : `CF_ACCOUNT_ID=${sample.account.id}`,
  ].filter(Boolean);
  files['.env.dev-secrets'] = `${secrets.join('\n')}\n`;
  const cwd = scratchProject(files);
  const env = { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, ...(value && s.from === 'env' ? { CLOUDFLARE_API_TOKEN: value } : {}), ...s.env };
  const before = standIn.requests.length;
  const result = await run(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...(s.args ?? [])], { cwd, env });
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
