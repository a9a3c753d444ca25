import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkToken } from '../../src/index.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { useStandIn } from '../support/stand-in.js';

// The programmatic API hands its options to doctor's parser: a value must stay a value.
const sample = sampleWorld();
const standIn = useStandIn({ world: sample.world });
const dir = mkdtempSync(join(tmpdir(), 'mastrakit-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkToken options are values, never flags', () => {
  it('a domain that starts with "--" is judged as a domain', async () => {
    const report = await checkToken({ cwd: dir, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, token: sample.tokens.complete.value, domain: '--json' });
    expect(report).toMatchObject({ ok: false, error: '--domain: --json is a single label; a custom domain has at least two, like example.com.' });
  });

  it('an account id that starts with "--" is refused as an account id', async () => {
    const report = await checkToken({ cwd: dir, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, token: sample.tokens.complete.value, domain: null, accountId: '--help' });
    expect(report.ok).toBe(false);
    expect('error' in report ? report.error : '').toMatch(/^--account-id/);
    expect('error' in report ? report.error : '').not.toMatch(/needs a value/);
  });

  it('a folder whose name holds "=" is still that folder', async () => {
    const odd = mkdtempSync(join(dir, 'a=b-'));
    const report = await checkToken({ cwd: odd, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CF_ACCOUNT_ID: sample.account.id }, token: sample.tokens.complete.value, domain: null });
    expect(report.ok).toBe(true);
  });
});
