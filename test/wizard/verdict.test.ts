import { afterEach, describe, expect, it } from 'vitest';
import { fakeHex32, sampleWorld } from '../../src/stand-in/index.js';
import { permissionTable, zoneGuessNote } from '../../src/wizard/show-permissions.js';
import { guessZoneApex } from '../../src/wizard/zone-guess.js';
import { makeProject, read, removeProjects, runScripted } from './harness.js';
import { useStandIn } from '../support/stand-in.js';

let sample = sampleWorld();
const standIn = useStandIn(() => {
  sample = sampleWorld();
  // A delegated zone one label below a name the public suffix list would take as the zone.
  const eu = { id: fakeHex32('zone:eu.example.org'), name: 'eu.example.org', accountId: sample.account.id };
  sample.world.zones.push(eu);
  for (const token of Object.values(sample.tokens)) if (Array.isArray(token.zones)) token.zones.push(eu.id);
  return { world: sample.world };
}, { each: true });
afterEach(removeProjects);

const urls = (run: Awaited<ReturnType<typeof runScripted>>) => run.prompter.shown.filter((s) => s.kind === 'url').map((s) => decodeURIComponent(s.text));
const table = (run: Awaited<ReturnType<typeof runScripted>>) => run.prompter.shown.find((s) => s.kind === 'note')?.text ?? '';

describe('guessZoneApex: the public suffix list', () => {
  it.each([
    ['example.com', 'example.com'],
    ['app.example.com', 'example.com'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['app.example.eu.org', 'example.eu.org'],
  ])('%s → %s', (domain, apex) => expect(guessZoneApex(domain)).toBe(apex));
});

describe('the wizard table', () => {
  it('a custom domain: the seventh row, Workers Routes: Read, recommended with why, and in the template URL', async () => {
    const run = await runScripted(standIn.baseUrl, makeProject(), [['password', sample.tokens.complete.value]], {
      flags: { domain: 'example.com', domainStyle: 'flat', browser: false },
      columns: 200,
    });
    expect(run.code).toBe(0);
    expect(table(run)).toMatch(/^Zone\s+Workers Routes\s+Read\s+recommended: wrangler lists the zone's Workers routes when it deploys to a custom domain$/m);
    expect(urls(run)[0]).toContain('{"key":"workers_routes","type":"read"}');
    expect(run.prompter.transcript()).toContain('✔ Workers Routes: Read');
  });

  it('flat on a subdomain: SSL and Certificates: Edit is in the table, naming host and zone, and says the zone is a guess', () => {
    const answers = { domain: 'app.example.com', domainStyle: 'flat' } as const;
    const lines = permissionTable('acme', answers, 200).join('\n');
    expect(lines).toMatch(
      /^Zone\s+SSL and Certificates\s+Edit\s+provisioning the ACM certificate for auth-acme\.app\.example\.com: two levels below the zone example\.com, beyond Universal SSL$/m,
    );
    expect(zoneGuessNote(answers)).toBe(
      'These rows take example.com as the zone of app.example.com (from the public suffix list); the live check reads the real zone and says so if it differs.',
    );
    expect(permissionTable('acme', { domain: 'example.com', domainStyle: 'flat' }, 140).join('\n')).not.toContain('SSL');
  });

  it('flat on a subdomain, through the wizard: the style question says both need ACM; the SSL row is checked live', async () => {
    const run = await runScripted(
      standIn.baseUrl,
      makeProject(),
      [
        ['confirm', true, 'custom domain'],
        ['text', 'app.example.com', 'Which domain'],
        ['select', 'flat', 'style'],
        ['password', sample.tokens.missingSslEdit.value],
        ['select', 'quit', 'fails a check'],
      ],
      { flags: { browser: false } },
    );
    expect(run.code).toBe(1);
    const shown = run.prompter.transcript();
    expect(shown).toContain('app.example.com is itself below its zone (example.com, by the public suffix list), so both styles are beyond Universal SSL');
    expect(urls(run)[0]).toContain('{"key":"ssl_and_certificates","type":"edit"}');
    expect(shown).toContain('❌ missing permission: com.cloudflare.api.account.zone.ssl-cert.write');
    expect(shown).toContain('auth-acme.app.example.com is two levels below the zone example.com');
  });

  it('the live check corrects the guess when the real zone differs: eu.example.org is a zone of its own', async () => {
    const dir = makeProject();
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.missingSslEdit.value]], {
      flags: { domain: 'eu.example.org', domainStyle: 'flat', browser: false },
    });
    expect(urls(run)[0]).toContain('ssl_and_certificates');
    expect(run.prompter.transcript()).toContain(
      'The zone of eu.example.org is eu.example.org, not example.org as the table assumed: auth-acme.eu.example.org is one level below it, covered by Universal SSL: SSL and Certificates: Edit is not needed after all.',
    );
    expect(run.code).toBe(0);
    expect(read(dir, '.env.dev-secrets')).toContain(sample.tokens.missingSslEdit.value);
  });
});

describe('the wizard, the wrong account', () => {
  it('closes with the Account Resources fix, not the permissions fix, and no new-token link', async () => {
    const run = await runScripted(standIn.baseUrl, makeProject(), [
      ['password', sample.tokens.wrongAccount.value],
      ['select', 'quit', 'fails a check'],
    ], { flags: { domain: 'example.com', domainStyle: 'flat', browser: false, accountId: sample.account.id } });
    expect(run.code).toBe(1);
    const shown = run.prompter.transcript();
    expect(shown).toContain(`⚠ token reaches one account, not ${sample.account.id}: Other Corp (${sample.otherAccount.id})`);
    expect(shown).toContain('→ Account Resources → Include → the account you deploy to →');
    expect(shown).not.toContain('add the missing permission');
    expect(urls(run)).toHaveLength(1);
  });
});
