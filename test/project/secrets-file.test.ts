import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dotenv from 'dotenv';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalError } from '../../src/errors.js';
import { accountIdSource, readSecretsFile, saveSecrets, tokenSource } from '../../src/project/secrets-file.js';

const scratch = mkdtempSync(join(tmpdir(), 'mastrakit-secrets-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let n = 0;
function project(secrets?: string | Buffer): string {
  const dir = join(scratch, `p${n++}`);
  mkdirSync(dir);
  if (secrets !== undefined) writeFileSync(join(dir, '.env.dev-secrets'), secrets);
  return dir;
}
const file = (dir: string) => readFileSync(join(dir, '.env.dev-secrets'), 'utf8');
const isRoot = process.getuid?.() === 0;

describe('readSecretsFile', () => {
  it('gives null text when the file is absent', () => {
    const dir = project();
    expect(readSecretsFile(dir)).toEqual({ path: join(dir, '.env.dev-secrets'), text: null });
  });

  it('reads the text as is, BOM included', () => {
    expect(readSecretsFile(project('\uFEFFA=1\r\n')).text).toBe('\uFEFFA=1\r\n');
  });

  it('refuses a folder at that path with exit 2', () => {
    const dir = project();
    mkdirSync(join(dir, '.env.dev-secrets'));
    let thrown: unknown;
    try {
      readSecretsFile(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LocalError);
    expect((thrown as LocalError).exitCode).toBe(2);
    expect((thrown as Error).message).toBe(`.env.dev-secrets at ${join(dir, '.env.dev-secrets')} is a folder, not a file.`);
  });

  // Root reads anything, so an unreadable file cannot be staged there.
  it.skipIf(isRoot)('says an unreadable file is unreadable', () => {
    const dir = project('A=1\n');
    chmodSync(join(dir, '.env.dev-secrets'), 0o000);
    expect(() => readSecretsFile(dir)).toThrow(`Cannot read ${join(dir, '.env.dev-secrets')}: permission denied.`);
  });
});

describe('saveSecrets', () => {
  const TOKEN = 'cfut_AAAAbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjj0123abcd';
  const ACCOUNT = '0123456789abcdef0123456789abcdef';

  it.each([
    ['missing', undefined, `CLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACCOUNT}\n`, true],
    ['empty', '', `CLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACCOUNT}\n`, false],
    ['no trailing newline', 'A=1', `A=1\nCLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACCOUNT}`, false],
    ['CRLF', '# c\r\nA=1\r\n', `# c\r\nA=1\r\nCLOUDFLARE_API_TOKEN=${TOKEN}\r\nCF_ACCOUNT_ID=${ACCOUNT}\r\n`, false],
    ['BOM', '\uFEFFA=1\n', `\uFEFFA=1\nCLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${ACCOUNT}\n`, false],
    [
      'export and comments',
      '# secrets\nexport CLOUDFLARE_API_TOKEN="old" # rotated\n\nCF_ACCOUNT_ID=old\n',
      `# secrets\nexport CLOUDFLARE_API_TOKEN="${TOKEN}" # rotated\n\nCF_ACCOUNT_ID=${ACCOUNT}\n`,
      false,
    ],
  ])('file %s', async (_, before, after, created) => {
    const dir = project(before);
    const result = await saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN, CF_ACCOUNT_ID: ACCOUNT });
    expect(result).toEqual({
      path: join(dir, '.env.dev-secrets'),
      changed: ['CLOUDFLARE_API_TOKEN', 'CF_ACCOUNT_ID'],
      created,
      duplicates: {},
    });
    expect(file(dir)).toBe(after);
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
  });

  it('updates the occurrence dotenv reads when the key is there twice, and says so', async () => {
    const dir = project('CLOUDFLARE_API_TOKEN=first\nA=1\nCLOUDFLARE_API_TOKEN=second\n');
    const result = await saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(file(dir)).toBe(`CLOUDFLARE_API_TOKEN=first\nA=1\nCLOUDFLARE_API_TOKEN=${TOKEN}\n`);
    expect(result.duplicates).toEqual({ CLOUDFLARE_API_TOKEN: [1] });
    expect(dotenv.parse(file(dir)).CLOUDFLARE_API_TOKEN).toBe(TOKEN);
  });

  it('reports only changed keys and writes nothing when nothing changed', async () => {
    const dir = project(`CLOUDFLARE_API_TOKEN=${TOKEN}\n`);
    chmodSync(join(dir, '.env.dev-secrets'), 0o640);
    const result = await saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(result.changed).toEqual([]);
    expect(statSync(result.path).mode & 0o777).toBe(0o640);
    const second = await saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN, CF_ACCOUNT_ID: ACCOUNT });
    expect(second.changed).toEqual(['CF_ACCOUNT_ID']);
    expect(statSync(result.path).mode & 0o777).toBe(0o600);
  });

  it('refuses to rewrite a file that is not UTF-8, leaving it as it was', async () => {
    const latin1 = Buffer.from('PASSWORD=caf\xe9\n', 'latin1');
    const dir = project(latin1);
    await expect(saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN })).rejects.toThrow(/is not UTF-8 text/);
    expect(readFileSync(join(dir, '.env.dev-secrets')).equals(latin1)).toBe(true);
  });

  it('edits a file of almost 1 MiB, changing only the one line', async () => {
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 1_000_000; i++) {
      const line = i % 7 === 0 ? `# comment ${i}` : `KEY_${i}="value ${i} with # and spaces"`;
      lines.push(line);
      size += line.length + 1;
    }
    lines.splice(1000, 0, 'CLOUDFLARE_API_TOKEN=old');
    const before = `${lines.join('\n')}\n`;
    expect(before.length).toBeLessThan(1024 * 1024);
    const dir = project(before);
    await saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN });
    expect(file(dir)).toBe(before.replace('CLOUDFLARE_API_TOKEN=old\n', `CLOUDFLARE_API_TOKEN=${TOKEN}\n`));
  });

  it('refuses a file larger than 1 MiB in one sentence, reading and writing nothing', async () => {
    const before = `CLOUDFLARE_API_TOKEN=old\n${'#'.repeat(1024 * 1024)}\n`;
    const dir = project(before);
    const path = join(dir, '.env.dev-secrets');
    await expect(saveSecrets(dir, { CLOUDFLARE_API_TOKEN: TOKEN })).rejects.toThrow(
      `.env.dev-secrets at ${path} is larger than 1 MiB, far more than any .env.dev-secrets: mastrakit does not read it.`,
    );
    expect(file(dir)).toBe(before);
    expect(readdirSync(dir)).toEqual(['.env.dev-secrets']);
  });
});

describe('tokenSource', () => {
  it.each([
    ['environment wins over the file', { CLOUDFLARE_API_TOKEN: 'env' }, 'CLOUDFLARE_API_TOKEN=file\n', { token: 'env', source: 'environment', name: 'CLOUDFLARE_API_TOKEN' }],
    ['file when the environment has none', {}, 'CLOUDFLARE_API_TOKEN=file\n', { token: 'file', source: '.env.dev-secrets', name: 'CLOUDFLARE_API_TOKEN' }],
    ['empty environment value counts as absent', { CLOUDFLARE_API_TOKEN: '' }, 'CLOUDFLARE_API_TOKEN=file\n', { token: 'file', source: '.env.dev-secrets', name: 'CLOUDFLARE_API_TOKEN' }],
    ['empty file value counts as absent', {}, 'CLOUDFLARE_API_TOKEN=\n', undefined],
    ['the counted duplicate', {}, 'CLOUDFLARE_API_TOKEN=a\nCLOUDFLARE_API_TOKEN=b\n', { token: 'b', source: '.env.dev-secrets', name: 'CLOUDFLARE_API_TOKEN' }],
    ['legacy CF_API_TOKEN from the environment, after both new-name sources', { CF_API_TOKEN: 'legacy' }, null, { token: 'legacy', source: 'environment', name: 'CF_API_TOKEN' }],
    ['the new name in the file beats legacy in the environment', { CF_API_TOKEN: 'legacy' }, 'CLOUDFLARE_API_TOKEN=file\n', { token: 'file', source: '.env.dev-secrets', name: 'CLOUDFLARE_API_TOKEN' }],
    ['legacy in the file last', {}, 'CF_API_TOKEN=legacy\n', { token: 'legacy', source: '.env.dev-secrets', name: 'CF_API_TOKEN' }],
    ['nothing anywhere', {}, null, undefined],
  ])('%s', (_, env, text, expected) => {
    expect(tokenSource(env, text)).toEqual(expected);
  });
});

describe('accountIdSource', () => {
  it.each([
    ['the flag first', 'flag', { CF_ACCOUNT_ID: 'env' }, 'CF_ACCOUNT_ID=file\n', { accountId: 'flag', source: '--account-id' }],
    ['an empty flag counts as absent', '', { CF_ACCOUNT_ID: 'env' }, null, { accountId: 'env', source: 'environment', name: 'CF_ACCOUNT_ID' }],
    ['CLOUDFLARE_ACCOUNT_ID before CF_ACCOUNT_ID, as wrangler reads them', undefined, { CF_ACCOUNT_ID: 'a', CLOUDFLARE_ACCOUNT_ID: 'b' }, null, { accountId: 'b', source: 'environment', name: 'CLOUDFLARE_ACCOUNT_ID' }],
    ['CLOUDFLARE_ACCOUNT_ID in the file beats CF_ACCOUNT_ID in the environment', undefined, { CF_ACCOUNT_ID: 'a' }, 'CLOUDFLARE_ACCOUNT_ID=f\n', { accountId: 'f', source: '.env.dev-secrets', name: 'CLOUDFLARE_ACCOUNT_ID' }],
    ['CF_ACCOUNT_ID in the environment', undefined, { CF_ACCOUNT_ID: 'a' }, 'CF_ACCOUNT_ID=file\n', { accountId: 'a', source: 'environment', name: 'CF_ACCOUNT_ID' }],
    ['CLOUDFLARE_ACCOUNT_ID in the environment', undefined, { CLOUDFLARE_ACCOUNT_ID: 'b' }, 'CF_ACCOUNT_ID=file\n', { accountId: 'b', source: 'environment', name: 'CLOUDFLARE_ACCOUNT_ID' }],
    ['the file after the environment', undefined, { CF_ACCOUNT_ID: '' }, 'CF_ACCOUNT_ID=file\n', { accountId: 'file', source: '.env.dev-secrets', name: 'CF_ACCOUNT_ID' }],
    ['CLOUDFLARE_ACCOUNT_ID in the file', undefined, {}, 'CF_ACCOUNT_ID=\nCLOUDFLARE_ACCOUNT_ID=f2\n', { accountId: 'f2', source: '.env.dev-secrets', name: 'CLOUDFLARE_ACCOUNT_ID' }],
    ['none', undefined, {}, null, undefined],
  ])('%s', (_, flag, env, text, expected) => {
    expect(accountIdSource(flag, env, text)).toEqual(expected);
  });
});
