import { describe, expect, it } from 'vitest';
import type { ConfigRead } from '../../src/project/config.js';
import { answersWithoutPrompts, savedAnswers, styleOptions } from '../../src/wizard/ask-project.js';
import { browserVerdict } from '../../src/wizard/open-token-page.js';
import { configChanges, differentSavedToken } from '../../src/save/plan.js';
import { formAdvice, permissionTable, zoneAdvice } from '../../src/wizard/show-permissions.js';

const none = () => false;
const place = { env: { DISPLAY: ':0' }, platform: 'linux' as NodeJS.Platform, browser: true, exists: none };

describe('browserVerdict: a browser is offered only where one can open', () => {
  it.each([
    ['a Linux desktop', {}, true],
    ['--no-browser', { browser: false }, '--no-browser'],
    ['CI', { env: { DISPLAY: ':0', CI: 'true' } }, 'CI'],
    ['CI=false is not CI', { env: { DISPLAY: ':0', CI: 'false' } }, true],
    ['SSH_CONNECTION', { env: { DISPLAY: ':0', SSH_CONNECTION: '1 2 3 4' } }, 'SSH'],
    ['SSH_TTY', { env: { DISPLAY: ':0', SSH_TTY: '/dev/pts/1' } }, 'SSH'],
    ['env container', { env: { DISPLAY: ':0', container: 'podman' } }, 'container'],
    ['/.dockerenv', { exists: (p: string) => p === '/.dockerenv' }, 'container'],
    ['/run/.containerenv', { exists: (p: string) => p === '/run/.containerenv' }, 'container'],
    ['Linux without a display', { env: {} }, 'display'],
    ['Linux with Wayland', { env: { WAYLAND_DISPLAY: 'wayland-0' } }, true],
    ['macOS needs no DISPLAY', { env: {}, platform: 'darwin' as NodeJS.Platform }, true],
    ['Windows needs no DISPLAY', { env: {}, platform: 'win32' as NodeJS.Platform }, true],
  ] as const)('%s', (_name, change, expected) => {
    const verdict = browserVerdict({ ...place, ...change });
    if (expected === true) expect(verdict).toEqual({ ok: true });
    else expect(verdict.ok ? '' : verdict.why).toContain(expected);
  });
});

describe('the permission table', () => {
  const answers = [
    { domain: null, domainStyle: 'flat' },
    { domain: 'example.com', domainStyle: 'flat' },
    { domain: 'example.com', domainStyle: 'nested' },
  ] as const;

  it.each([60, 80, 120])('fits a %i-column terminal inside the note box, for every answer set', (columns) => {
    for (const a of answers) {
      for (const line of permissionTable('a-rather-long-project-slug', a, columns)) expect(line.length).toBeLessThanOrEqual(columns - 6);
    }
  });

  it.each([
    [answers[0], 3, []],
    [answers[1], 6, ['auth-acme.example.com', 'Workers Routes', 'recommended']],
    [answers[2], 7, ['auth.acme.example.com', 'nested-subdomain', 'Workers Routes']],
  ] as const)('rows for %j', (a, count, mentions) => {
    const text = permissionTable('acme', a, 60).join('\n');
    const rowLines = text.split('\n').filter((l) => /^(Account|Zone) /.test(l));
    expect(rowLines).toHaveLength(count);
    for (const m of mentions) expect(text).toContain(m);
    expect(text.split('\n')[0]).toMatch(/^Type\s+Resource\s+Action/);
  });

  it('a wide terminal gets a Why column', () => {
    expect(permissionTable('acme', answers[1], 140)[0]).toMatch(/^Type\s+Resource\s+Action\s+Why$/);
  });

  it('form advice: token name, Account and Zone Resources, TTL', () => {
    expect(formAdvice('acme', answers[1])).toEqual([
      'Token name: mastrakit-acme-deploy',
      'Account Resources: Include → your account (not "All accounts").',
      'Zone Resources: Include → Specific zone → example.com.',
      'TTL: leave blank for no expiry, or set 1 year for hygiene.',
    ]);
  });

  it('form advice for *.workers.dev does not mention Zone Resources (the form has no zone row to scope)', () => {
    expect(formAdvice('acme', answers[0])).toEqual([
      'Token name: mastrakit-acme-deploy',
      'Account Resources: Include → your account (not "All accounts").',
      'TTL: leave blank for no expiry, or set 1 year for hygiene.',
    ]);
  });

  it.each([
    ['example.com', 'Zone Resources: Include → Specific zone → example.com.'],
    ['app.example.com', 'Zone Resources: Include → Specific zone → example.com (the zone app.example.com is in, if that is the zone).'],
  ])('zone advice for %s names the zone, not the subdomain', (domain, line) => {
    expect(zoneAdvice(domain)).toBe(line);
  });
});

function config(json: Record<string, unknown> | null): ConfigRead {
  const has = (k: string) => json !== null && Object.hasOwn(json, k);
  return {
    path: '/p/mastrakit.config.json',
    exists: json !== null,
    raw: json === null ? null : JSON.stringify(json),
    config: {
      domain: (json?.domain as string | null | undefined) ?? null,
      domainStyle: (json?.domainStyle as 'flat' | 'nested' | undefined) ?? 'flat',
    },
    answered: { slug: has('slug'), domain: has('domain'), domainStyle: has('domainStyle') },
  };
}

describe('answers from the config', () => {
  it.each([
    [null, null],
    [{ slug: 'acme' }, null],
    [{ domain: null }, { domain: null, domainStyle: 'flat' }],
    [{ domain: 'example.com' }, null],
    [{ domain: 'example.com', domainStyle: 'nested' }, { domain: 'example.com', domainStyle: 'nested' }],
    [{ domain: 'not a domain', domainStyle: 'flat' }, null],
  ])('savedAnswers(%j)', (json, expected) => {
    expect(savedAnswers(config(json))).toEqual(expected);
  });

  it('style options show both real host names', () => {
    expect(styleOptions('acme', 'example.com').map((o) => [o.value, o.label])).toEqual([
      ['flat', 'Flat: auth-acme.example.com'],
      ['nested', 'Nested: auth.acme.example.com'],
    ]);
  });
});

describe('answersWithoutPrompts (setup --token-stdin)', () => {
  it.each([
    ['--no-domain', { domain: null }, null, false, { domain: null, domainStyle: 'flat' }],
    ['--domain + style flag', { domain: 'Example.com', domainStyle: 'nested' }, null, false, { domain: 'example.com', domainStyle: 'nested' }],
    ['config answers', {}, { domain: 'example.com', domainStyle: 'nested' }, false, { domain: 'example.com', domainStyle: 'nested' }],
    ['flag beats config', { domain: null }, { domain: 'example.com', domainStyle: 'nested' }, false, { domain: null, domainStyle: 'nested' }],
    ['--yes: workers.dev', {}, null, true, { domain: null, domainStyle: 'flat' }],
    ['--yes: flat', { domain: 'example.com' }, null, true, { domain: 'example.com', domainStyle: 'flat' }],
  ] as const)('%s', (_name, flags, json, yes, expected) => {
    expect(answersWithoutPrompts(flags, config(json), yes)).toEqual(expected);
  });

  it.each([
    ['no domain answer', {}, null, '--no-domain'],
    ['no style answer', { domain: 'example.com' }, null, '--domain-style'],
  ] as const)('without --yes, %s is refused naming the flag', (_name, flags, json, flag) => {
    expect(() => answersWithoutPrompts(flags, config(json), false)).toThrow(flag);
  });
});

describe('what step 8 changes', () => {
  it.each([
    [null, { domain: null, domainStyle: 'flat' }, { domain: null }],
    [{ domain: null }, { domain: null, domainStyle: 'flat' }, {}],
    [{ domain: null, domainStyle: 'nested' }, { domain: null, domainStyle: 'flat' }, {}],
    [{ domain: 'example.com' }, { domain: 'example.com', domainStyle: 'flat' }, { domainStyle: 'flat' }],
    [{ domain: 'example.com', domainStyle: 'flat' }, { domain: 'example.com', domainStyle: 'nested' }, { domainStyle: 'nested' }],
    [{ domain: 'a.com', domainStyle: 'flat' }, { domain: 'b.com', domainStyle: 'flat' }, { domain: 'b.com' }],
  ] as const)('config %j, answers %j', (json, answers, expected) => {
    expect(configChanges(config(json), answers)).toEqual(expected);
  });

  const token = 'A'.repeat(40);
  it.each([
    [null, null],
    ['OTHER=1\n', null],
    ['CLOUDFLARE_API_TOKEN=\n', null],
    [`CLOUDFLARE_API_TOKEN=${token}\n`, null],
    [`CLOUDFLARE_API_TOKEN="Bearer ${token}"\n`, null],
    [`CLOUDFLARE_API_TOKEN=${'B'.repeat(40)}\n`, 'B'.repeat(40)],
    [`CLOUDFLARE_API_TOKEN=${'B'.repeat(40)}\nCLOUDFLARE_API_TOKEN=${token}\n`, null],
  ])('differentSavedToken(%j)', (text, expected) => {
    expect(differentSavedToken(text, token)).toBe(expected);
  });
});

describe('openTokenPage', () => {
  const url = 'https://dash.cloudflare.com/profile/api-tokens?x=1';

  it('always prints the address; never claims a browser opened, even when asking it failed', async () => {
    const { ScriptedPrompter } = await import('./scripted-prompter.js');
    const { openTokenPage } = await import('../../src/wizard/open-token-page.js');
    const p = new ScriptedPrompter([['confirm', true, 'browser']]);
    const result = await openTokenPage(p, { url, verdict: { ok: true }, openUrl: async () => Promise.reject(new Error('no xdg-open')), zones: true });
    expect(result).toEqual({ asked: false });
    expect(p.shown.filter((s) => s.kind === 'url').map((s) => s.text)).toEqual([url]);
    expect(p.transcript()).toContain('Could not ask a browser to open it: copy the address above.');
    expect(p.transcript()).toContain('Then: set Account Resources and Zone Resources, Continue to summary → Create Token');
  });

  it('where no browser can open, no question is asked and the reason is given', async () => {
    const { ScriptedPrompter } = await import('./scripted-prompter.js');
    const { openTokenPage } = await import('../../src/wizard/open-token-page.js');
    const p = new ScriptedPrompter([]);
    const opened: string[] = [];
    await openTokenPage(p, { url, verdict: { ok: false, why: 'connected over SSH' }, openUrl: async (u) => void opened.push(u), zones: false });
    expect(opened).toEqual([]);
    expect(p.prompts).toEqual([]);
    expect(p.transcript()).toContain('connected over SSH');
    expect(p.transcript()).toContain(url);
    expect(p.transcript()).toContain('Then: set Account Resources, Continue to summary → Create Token');
    expect(p.transcript()).not.toContain('Zone Resources');
  });
});
