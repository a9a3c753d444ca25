import { describe, expect, it } from 'vitest';
import { visibleLength, wrapText, wrapWords } from '../../src/ui/wrap.js';

describe('wrapText', () => {
  it('leaves short lines alone, blank lines included', () => {
    expect(wrapText('a b\n\n  c', 20)).toBe('a b\n\n  c');
  });

  it('wraps at spaces within the width, keeping the indent', () => {
    const out = wrapText('   Add `DNS: Edit` for the zone. Only needed if you are deploying to a custom domain.', 30);
    for (const line of out.split('\n')) {
      expect(line.length).toBeLessThanOrEqual(30);
      expect(line.startsWith('   ')).toBe(true);
    }
    expect(out.replace(/\s+/g, ' ').trim()).toBe('Add `DNS: Edit` for the zone. Only needed if you are deploying to a custom domain.');
  });

  it('hangs a check line under its words, colour codes not counted', () => {
    const line = '\x1b[33m⚠\x1b[39m token reaches 2 accounts: Account Resources is probably left at "All accounts"';
    const [first, second] = wrapText(line, 40).split('\n');
    expect(visibleLength(first ?? '')).toBeLessThanOrEqual(40);
    expect(second?.startsWith('  ') && !second.startsWith('   ')).toBe(true);
    expect(wrapText('❌ missing permission: com.cloudflare.api.account.zone.ssl-cert.write now', 40).split('\n')[1]).toMatch(/^ {3}\S/);
  });

  it('never splits a word longer than the width (a URL stays copyable)', () => {
    const url = `https://dash.cloudflare.com/profile/api-tokens?${'x'.repeat(80)}`;
    expect(wrapText(`see ${url}`, 40).split('\n')).toEqual(['see', url]);
  });
});

describe('wrapWords', () => {
  it('fills lines greedily', () => {
    expect(wrapWords('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
});
