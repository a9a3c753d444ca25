import { PassThrough } from 'node:stream';
import kleur from 'kleur';
import { afterEach, describe, expect, it } from 'vitest';
import { text } from '../../src/checks/messages.js';
import { PERMISSION_ROWS } from '../../src/permissions/rows.js';
import { renderCheckLines } from '../../src/render/lines.js';
import { createClackPrompter } from '../../src/ui/clack-prompter.js';
import { renderInlineCode } from '../../src/ui/inline-code.js';

const colour = kleur.enabled;
afterEach(() => {
  kleur.enabled = colour;
});

/** What the real (clack) prompter writes for one log line, with colour on or off. */
function logged(message: string, enabled: boolean): string {
  kleur.enabled = enabled;
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
  let written = '';
  output.on('data', (c: Buffer) => (written += c.toString()));
  const input = Object.assign(new PassThrough(), { isTTY: true });
  createClackPrompter({ input, output }).log.message(message);
  return written;
}

const dnsFix = PERMISSION_ROWS.find((r) => r.key === 'com.cloudflare.edge.dns.write')?.fix ?? '';

describe('backticks from the docs page in the wizard', () => {
  it('the fix line as the docs page has it, with its backticks (doctor prints this text as is)', () => {
    expect(dnsFix).toBe("Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain.");
  });

  it('colour on: the code span is bold and the backticks are gone', () => {
    kleur.enabled = true;
    expect(renderInlineCode(dnsFix)).toBe("Add \x1b[1mDNS: Edit\x1b[22m for the zone. Only needed if you're deploying to a custom domain.");
    expect(logged(dnsFix, true)).toContain('Add \x1b[1mDNS: Edit\x1b[22m for the zone.');
  });

  it('NO_COLOR (colour off): the backticks are dropped, the words kept', () => {
    const shown = logged(dnsFix, false);
    expect(shown).toContain("Add DNS: Edit for the zone. Only needed if you're deploying to a custom domain.");
    expect(shown).not.toContain('`');
  });

  it("doctor's plain lines keep the docs page's exact text", () => {
    kleur.enabled = false;
    const row = PERMISSION_ROWS.find((r) => r.key === 'com.cloudflare.edge.dns.write');
    if (!row) throw new Error('no DNS row');
    const lines = renderCheckLines([{ id: row.id, title: row.resource, key: row.key, required: true, status: 'fail', message: text.missingPermission(row), fix: row.fix }]);
    expect(lines).toEqual(['❌ missing permission: com.cloudflare.edge.dns.write', "   Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain."]);
  });
});
