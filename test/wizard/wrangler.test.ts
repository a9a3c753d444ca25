import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rowsFor } from '../../src/permissions/rows.js';
import { WORKERS_ROUTES_EDIT } from '../../src/permissions/wrangler-rows.js';
import { templateUrl } from '../../src/permissions/template-url.js';
import { sampleWorld } from '../../src/stand-in/index.js';
import { makeProject, removeProjects, runScripted } from './harness.js';
import { useStandIn } from '../support/stand-in.js';

const sample = sampleWorld();
const ACME = sample.account.id;
const OTHER = sample.otherAccount.id;
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

function write(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

describe('the wizard reads the wrangler configurations', () => {
  it('route patterns add Workers Routes: Edit to the table and the template URL, say why, and check it on the zone', async () => {
    const dir = makeProject({ config: '{"slug":"acme"}' });
    write(dir, 'api/wrangler.toml', `account_id = "${ACME}"\nroutes = ["api.example.com/*"]\n`);
    const run = await runScripted(standIn.baseUrl, dir, [
      ['confirm', false, 'custom domain'],
      ['confirm', false, 'browser'],
      ['password', sample.tokens.complete.value, 'Paste the token'],
      ['select', 'quit', 'What now?'],
    ]);
    expect(run.code).toBe(1);
    const table = run.prompter.shown.find((s) => s.kind === 'note')?.text ?? '';
    expect(table).toMatch(/^Zone +Workers Routes +Edit$/m);
    expect(table).not.toMatch(/Workers Routes +Read/);
    const shown = run.prompter.transcript();
    expect(shown).toContain('api/wrangler.toml declares route patterns: wrangler creates them, so Workers Routes: Edit is required for their zones.');
    const url = templateUrl([...rowsFor({ domain: null, domainStyle: 'flat' }), WORKERS_ROUTES_EDIT], 'mastrakit-acme-deploy');
    expect(run.prompter.shown.filter((s) => s.kind === 'url').map((s) => s.text)[0]).toBe(url);
    expect(shown).toContain('❌ missing permission: com.cloudflare.edge.worker.route.write (zone example.com)');
  });

  it("another service's account is checked too, and a malformed file is one warning", async () => {
    const dir = makeProject({ config: '{"slug":"acme"}', secrets: `CF_ACCOUNT_ID=${ACME}\n` });
    write(dir, 'billing/wrangler.jsonc', `{ "account_id": "${OTHER}" }`);
    write(dir, 'web/wrangler.json', '{ "name": "web", }x');
    const run = await runScripted(standIn.baseUrl, dir, [
      ['confirm', false, 'custom domain'],
      ['confirm', false, 'browser'],
      ['password', sample.tokens.complete.value, 'Paste the token'],
      ['select', 'quit', 'What now?'],
    ]);
    expect(run.code).toBe(1);
    const shown = run.prompter.transcript();
    expect(shown).toContain('web/wrangler.json line 1: not valid JSON (InvalidSymbol); its account and routes are not checked');
    expect(shown).toContain(`❌ token does not have access to account ${OTHER}`);
    expect(shown).toContain(`⚠ billing/wrangler.jsonc sets account_id ${OTHER}, but CF_ACCOUNT_ID is ${ACME}`);
  });

  it('workers_dev = false puts the recommended Workers Routes: Read row in the table, even for *.workers.dev in the config', async () => {
    const dir = makeProject({ config: '{"slug":"acme"}' });
    write(dir, 'wrangler.toml', `account_id = "${ACME}"\nworkers_dev = false\nroutes = [{ pattern = "auth.example.com", custom_domain = true }]\n`);
    const run = await runScripted(standIn.baseUrl, dir, [
      ['confirm', false, 'custom domain'],
      ['confirm', false, 'browser'],
      ['password', sample.tokens.complete.value, 'Paste the token'],
    ]);
    expect(run.code).toBe(0);
    const table = run.prompter.shown.find((s) => s.kind === 'note')?.text ?? '';
    expect(table).toMatch(/^Zone +Workers Routes +Read$/m);
    expect(run.prompter.transcript()).toContain(
      "wrangler.toml sets workers_dev = false: wrangler then lists the zone's Workers routes, so Workers Routes: Read is recommended.",
    );
  });
});
