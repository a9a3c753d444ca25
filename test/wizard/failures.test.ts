import { afterEach, describe, expect, it } from 'vitest';
import { rowsFor } from '../../src/permissions/rows.js';
import { templateUrl } from '../../src/permissions/template-url.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { makeProject, modeOf, notWay, read, removeProjects, runScripted, snapshot } from './harness.js';
import { useStandIn } from '../support/stand-in.js';

let sample = sampleWorld();
// A fresh world each test: some of them edit a token in the stand-in, like a user in the dashboard.
const standIn = useStandIn(() => {
  sample = sampleWorld();
  return { world: sample.world };
}, { each: true });
afterEach(removeProjects);

const flat = { flags: { domain: 'example.com', domainStyle: 'flat' as const, browser: false } };
const DNS_LINE = '❌ missing permission: com.cloudflare.edge.dns.write';
const DNS_FIX = "Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain.";

describe('setup, when the token fails a check', () => {
  it('missing DNS: Edit, fixed in the dashboard, then "check again" with the same token: saved, exit 0', async () => {
    const token = sample.tokens.missingDnsEdit;
    const dir = makeProject();
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', token.value],
        [
          'select',
          () => {
            standIn.grant(token.id, 'dns:edit');
            return 'again';
          },
          'fails a check',
        ],
      ],
      flat,
    );
    expect(run.code).toBe(0);
    const shown = run.prompter.transcript();
    expect(shown).toContain(DNS_LINE);
    expect(shown).toContain(DNS_FIX);
    // Only the failed rows' fixes.
    expect(shown).not.toContain('Add `Workers Scripts: Edit` to the token.');
    // Editing the token comes first; the link is labelled as a new token, every row, another name.
    const fixLines = run.prompter.shown.find((s) => s.kind === 'message' && s.text.startsWith('To fix:'))?.text.split('\n');
    expect(fixLines).toEqual([
      "To fix: re-edit the token at https://dash.cloudflare.com/profile/api-tokens → click the token name → Edit → add the missing permission → Continue to summary → Save. You don't need to create a new token; the existing key keeps working.",
      'Or create a new token instead, named mastrakit-acme-deploy-2, every row pre-filled; then choose "Paste another token":',
    ]);
    const fixUrl = run.prompter.shown.filter((s) => s.kind === 'url')[1]?.text ?? '';
    expect(fixUrl).toBe(templateUrl(rowsFor({ domain: 'example.com', domainStyle: 'flat' }), 'mastrakit-acme-deploy-2'));
    const choices = run.prompter.prompts.filter(notWay).find((p) => p.kind === 'select')?.options?.map((o) => o.value);
    expect(choices).toEqual(['again', 'paste', 'save', 'quit']);
    expect(shown).toContain('✔ DNS: Edit');
    expect(read(dir, '.env.dev-secrets')).toContain(`CLOUDFLARE_API_TOKEN=${token.value}\n`);
    expect(shown).not.toContain(token.value);
  });

  it('"paste another token": the second token is checked and saved', async () => {
    const dir = makeProject();
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', sample.tokens.missingDnsEdit.value],
        ['select', 'paste'],
        ['password', sample.tokens.complete.value],
      ],
      flat,
    );
    expect(run.code).toBe(0);
    const secrets = read(dir, '.env.dev-secrets');
    expect(secrets).toContain(`CLOUDFLARE_API_TOKEN=${sample.tokens.complete.value}\n`);
    expect(secrets).not.toContain(sample.tokens.missingDnsEdit.value);
  });

  it('"save anyway": written (0600), the failed rows repeated, exit 1', async () => {
    const dir = makeProject();
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.missingDnsEdit.value], ['select', 'save']], flat);
    expect(run.code).toBe(1);
    expect(read(dir, '.env.dev-secrets')).toContain(`CLOUDFLARE_API_TOKEN=${sample.tokens.missingDnsEdit.value}\n`);
    expect(modeOf(dir, '.env.dev-secrets')).toBe(0o600);
    const afterSave = run.prompter.shown.slice(run.prompter.shown.findIndex((s) => s.kind === 'success'));
    expect(afterSave.map((s) => s.text).join('\n')).toContain(DNS_LINE);
    expect(run.prompter.shown.at(-1)?.text).toContain('mastrakit doctor --key CLOUDFLARE_API_TOKEN');
  });

  it('"quit without saving": nothing written, exit 1', async () => {
    const dir = makeProject({ secrets: '# mine\nOTHER=1\n', config: '{"slug":"acme"}' });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.missingDnsEdit.value], ['select', 'quit']], flat);
    expect(run.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(run.prompter.shown.at(-1)?.text).toContain('nothing was written');
  });

  it('the wrong account: the docs line for it, and quitting writes nothing', async () => {
    const dir = makeProject({ secrets: `CF_ACCOUNT_ID=${sample.account.id}\n` });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.wrongAccount.value], ['select', 'quit']], flat);
    expect(run.code).toBe(1);
    expect(run.prompter.transcript()).toContain(`❌ token does not have access to account ${sample.account.id}`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('an invalid token: "❌ 401 invalid api token"', async () => {
    const dir = makeProject();
    const unknown = 'A'.repeat(40);
    const run = await runScripted(standIn.baseUrl, dir, [['password', unknown], ['select', 'quit']], flat);
    expect(run.code).toBe(1);
    expect(run.prompter.transcript()).toContain('❌ 401 invalid api token');
    expect(run.prompter.transcript()).not.toContain(unknown);
  });

  it.each([
    ['an invalid token', () => 'A'.repeat(40), ['Paste another token', 'Check again', 'Quit without saving']],
    ['an expired token', () => sample.tokens.expired.value, ['Paste another token', 'Check again', 'Save anyway', 'Quit without saving']],
    ['a disabled token', () => sample.tokens.disabled.value, ['Paste another token', 'Check again', 'Save anyway', 'Quit without saving']],
    ['a missing permission', () => sample.tokens.missingDnsEdit.value, ['Check again', 'Paste another token', 'Save anyway', 'Quit without saving']],
  ])('the failure menu follows the failure: %s', async (_name, token, labels) => {
    const dir = makeProject();
    const run = await runScripted(standIn.baseUrl, dir, [['password', token()], ['select', 'quit', 'What now?']], flat);
    expect(run.code).toBe(1);
    const menu = run.prompter.prompts.at(-1);
    expect(menu?.options?.map((o) => o.label)).toEqual(labels);
    // The first choice is the default (where the cursor starts).
    expect(menu?.initialValue).toBe(menu?.options?.[0]?.value);
  });

  it('Cloudflare cannot be asked: said in one line, quitting exits 3 with nothing written', async () => {
    const dir = makeProject();
    standIn.fault({ kind: 'status', status: 503, path: '/user/tokens/verify', times: Infinity });
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.complete.value], ['select', 'quit', 'could not be fully checked']], flat);
    expect(run.code).toBe(3);
    expect(snapshot(dir)).toEqual({});
  });
});

describe('setup, a second run: a token already saved is named first, then check it, replace it, or quit', () => {
  const other = () => sample.tokens.missingDnsEdit.value;
  const teammate = '{"domain":"example.com","domainStyle":"flat"}';

  it('named first (last four, file and line), before any other question; quit: nothing written, exit 0', async () => {
    const dir = makeProject({ secrets: `# keep me\nCLOUDFLARE_API_TOKEN="${other()}"\n` });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [['select', 'quit', 'What do you want to do with it?']]);
    expect(run.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    const info = run.prompter.shown.find((s) => s.kind === 'info');
    expect(info?.text).toBe(`.env.dev-secrets already holds CLOUDFLARE_API_TOKEN …${other().slice(-4)} (${dir}/.env.dev-secrets, line 2).`);
    const [first, ...more] = run.prompter.prompts;
    expect(more).toEqual([]);
    expect(first?.options?.map((o) => o.label)).toEqual(['Check it', 'Replace it', 'Quit']);
    expect(first?.initialValue).toBe('check');
    expect(run.prompter.shown.at(-1)).toEqual({ kind: 'outro', text: 'Kept the token in .env.dev-secrets: nothing was written.' });
    expect(run.prompter.transcript()).not.toContain(other());
  });

  it('check it, passing: the live check and the end; no table, no paste, nothing written, exit 0', async () => {
    const dir = makeProject({ secrets: `CLOUDFLARE_API_TOKEN=${sample.tokens.complete.value}\nCF_ACCOUNT_ID=${sample.account.id}\n`, config: teammate });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [
      ['select', 'check', 'What do you want to do with it?'],
      ['confirm', true, 'as mastrakit.config.json says'],
    ]);
    expect(run.code).toBe(0);
    expect(run.prompter.remaining()).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(run.prompter.prompts.map((p) => p.kind)).toEqual(['select', 'confirm']);
    expect(run.prompter.shown.some((s) => s.kind === 'note')).toBe(false);
    expect(run.prompter.transcript()).toContain('✔ DNS: Edit');
    expect(run.prompter.shown.at(-1)).toEqual({
      kind: 'outro',
      text: `The token in .env.dev-secrets is ready to deploy; nothing was written. To check it again:\nCLOUDFLARE_API_BASE_URL=${standIn.baseUrl} mastrakit doctor --key CLOUDFLARE_API_TOKEN`,
    });
  });

  it('check it, failing: the failed line, its fix and the pre-filled rows, then the end with exit 1 (no menu)', async () => {
    const dir = makeProject({ secrets: `CLOUDFLARE_API_TOKEN=${other()}\nCF_ACCOUNT_ID=${sample.account.id}\n`, config: teammate });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [
      ['select', 'check'],
      ['confirm', true, 'as mastrakit.config.json says'],
    ]);
    expect(run.code).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    const shown = run.prompter.transcript();
    expect(shown).toContain(`${DNS_LINE}\n   ${DNS_FIX}`);
    expect(shown).toContain('To fix: re-edit the token at https://dash.cloudflare.com/profile/api-tokens');
    expect(run.prompter.shown.at(-1)?.text).toBe(
      `Nothing was written. Fix the token as above (or run setup again and choose Replace it), then check it again with:\nCLOUDFLARE_API_BASE_URL=${standIn.baseUrl} mastrakit doctor --key CLOUDFLARE_API_TOKEN`,
    );
  });

  it('replace it: the usual steps, and the saved value replaced without asking "Replace it?" again, quoting kept', async () => {
    const dir = makeProject({ secrets: `# keep me\nCLOUDFLARE_API_TOKEN="${other()}"\nCF_ACCOUNT_ID=${sample.account.id}\n` });
    const run = await runScripted(standIn.baseUrl, dir, [['select', 'replace'], ['password', sample.tokens.complete.value]], flat);
    expect(run.code).toBe(0);
    expect(run.prompter.remaining()).toBe(0);
    expect(run.prompter.prompts.filter((p) => p.kind === 'confirm')).toEqual([]);
    expect(read(dir, '.env.dev-secrets')).toBe(
      `# keep me\nCLOUDFLARE_API_TOKEN="${sample.tokens.complete.value}"\nCF_ACCOUNT_ID=${sample.account.id}\n`,
    );
  });

  it('replace it with the same token: nothing changes', async () => {
    const secrets = `CLOUDFLARE_API_TOKEN=${sample.tokens.complete.value}\nCF_ACCOUNT_ID=${sample.account.id}\n`;
    const dir = makeProject({ secrets, config: teammate });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [['select', 'replace'], ['password', sample.tokens.complete.value]], flat);
    expect(run.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(run.prompter.transcript()).toContain('already held this token: unchanged');
  });
});

describe('setup, accounts', () => {
  it('a token reaching several accounts: warned, asked which, checked again with it, and the choice saved', async () => {
    const dir = makeProject();
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', sample.tokens.allAccounts.value],
        ['select', sample.account.id, 'Which account'],
      ],
      flat,
    );
    expect(run.code).toBe(0);
    const select = run.prompter.prompts.filter(notWay).find((p) => p.kind === 'select');
    expect(select?.options?.map((o) => o.label).sort()).toEqual(['Acme Corp', 'Other Corp']);
    expect(run.prompter.transcript()).toContain('"All accounts"');
    expect(read(dir, '.env.dev-secrets')).toContain(`CF_ACCOUNT_ID=${sample.account.id}\n`);
    // No "Checked the token" heading with nothing under it before the account question; one after the checks that ran.
    const kinds = run.prompter.shown.map((s) => (s.kind === 'spin-done' ? `spin-done ${s.text}` : s.kind));
    const question = kinds.indexOf('select');
    expect(kinds.slice(0, question).filter((k) => k.startsWith('spin-done'))).toEqual([]);
    expect(kinds.slice(question)).toContain('spin-done Checked the token with Cloudflare');
  });

  it('--account-id is used as given, with no question', async () => {
    const dir = makeProject();
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.allAccounts.value]], {
      flags: { ...flat.flags, accountId: sample.account.id },
    });
    expect(run.code).toBe(0);
    expect(run.prompter.prompts.filter(notWay).map((p) => p.kind)).toEqual(['password']);
  });
});

describe('setup and git', () => {
  it('declining the .gitignore line: the secrets are still saved, .gitignore untouched', async () => {
    const dir = makeProject({ git: true });
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', sample.tokens.complete.value],
        ['confirm', false, '.gitignore'],
      ],
      flat,
    );
    expect(run.code).toBe(0);
    expect(snapshot(dir)['.gitignore']).toBeUndefined();
    expect(read(dir, '.env.dev-secrets')).toContain('CLOUDFLARE_API_TOKEN=');
  });

  it('a tracked .env.dev-secrets: the wizard offers the command that untracks it, and no writes nothing (exit 2)', async () => {
    const dir = makeProject({ secrets: 'OTHER=1\n', gitignore: '.env.dev-secrets\n', git: 'track-secrets' });
    const before = snapshot(dir);
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.complete.value], ['confirm', false, '`git rm --cached .env.dev-secrets`']], flat);
    expect(run.code).toBe(2);
    expect(run.error?.message).toContain('untrack it with `git rm --cached .env.dev-secrets`');
    expect(snapshot(dir)).toEqual(before);
  });
});
