import { describe, expect, it } from 'vitest';
import { sampleWorld } from '../../../src/stand-in/index.js';
import { runBin } from '../../support/bin.js';
import { useStandIn } from '../../support/stand-in.js';
import { runScenario, type Scenario } from '../../support/doctor-scenario.js';

const sample = sampleWorld();
const standIn = useStandIn({ world: sample.world }, { clearFaults: true });

const doctor = (s: Scenario) => runScenario(standIn, sample, s, (args, where) => runBin(args, where));

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
