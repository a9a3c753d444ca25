import { describe, expect, it } from 'vitest';
import { framesFrom } from '../../tools/record/frames.js';
import { cssColour, maskSecrets, placedPieces, renderSvg, type Frame } from '../../tools/record/svg.js';
import type { ScreenState, StyledRun } from '../support/pty.js';

// The README picture's renderer (tools/record/record-demo.mjs): colours, placement, masking, timing.

const run = (col: number, text: string, extra: Partial<StyledRun> = {}): StyledRun => ({
  col,
  text,
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  ...extra,
});

describe('cssColour', () => {
  it.each([
    [null, '#abcdef'],
    [{ palette: 2 }, '#98c379'],
    [{ palette: 16 }, '#000000'],
    [{ palette: 196 }, '#ff0000'],
    [{ palette: 231 }, '#ffffff'],
    [{ palette: 232 }, '#080808'],
    [{ palette: 255 }, '#eeeeee'],
    [{ rgb: 0x0a0b0c }, '#0a0b0c'],
  ] as const)('%j → %s', (colour, css) => {
    expect(cssColour(colour, '#abcdef')).toBe(css);
  });
});

describe('placedPieces', () => {
  it.each([
    ['plain text stays one piece', run(3, 'ab  cd'), [{ col: 3, text: 'ab  cd' }]],
    ['a symbol gets its own column, the blank after it is skipped', run(2, '✔ token'), [{ col: 2, text: '✔' }, { col: 4, text: 'token' }]],
    ['arrows inside a sentence', run(0, 'a → b'), [{ col: 0, text: 'a ' }, { col: 2, text: '→' }, { col: 4, text: 'b' }]],
    ['leading blanks move the start', run(1, '   x'), [{ col: 4, text: 'x' }]],
  ])('%s', (_, input, pieces) => {
    expect(placedPieces(input)).toEqual(pieces);
  });
});

describe('renderSvg', () => {
  const frame = (text: string, ms: number, extra: Partial<StyledRun> = {}): Frame => ({ lines: [[run(0, text, extra)], []], ms });

  it('stacks the frames and steps through them for as long as each lasts', () => {
    const svg = renderSvg([frame('one', 1000), frame('two', 3000)], { cols: 10, rows: 2, title: 'demo' });
    expect(svg.match(/<g transform="translate\(0 \d+\)">/g)).toHaveLength(2);
    expect(svg).toContain('animation:play 4.00s steps(1,end) infinite');
    expect(svg).toMatch(/0\.000%\{transform:translateY\(-0px\)\}25\.000%\{transform:translateY\(-(\d+)px\)\}100%\{transform:translateY\(-\1px\)\}/);
    expect(svg).toContain('prefers-reduced-motion');
    expect(svg).toContain('<title>demo</title>');
  });

  it('masks a secret, escapes markup, and gives colours and backgrounds classes', () => {
    const secret = 'cfut_SECRETSECRETSECRET';
    const svg = renderSvg(
      [{ lines: [[run(0, `token ${secret} <b>&`, { fg: { palette: 1 }, bold: true }), run(40, '  ', { bg: { palette: 4 } })]], ms: 10 }],
      { cols: 50, rows: 1, title: 'a & "b"', secrets: [secret] },
    );
    expect(svg).not.toContain('SECRET');
    expect(svg).toContain('*'.repeat(secret.length));
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).toContain('<title>a &amp; &quot;b&quot;</title>');
    expect(svg).toContain('aria-label="a &amp; &quot;b&quot;"');
    expect(svg).toMatch(/\.f\d\{fill:#e06c75\}/);
    expect(svg).toMatch(/<rect class="b\d" x="336\.0" y="0" width="16\.8"/);
    expect(svg).toMatch(/class="f\d bo"/);
  });

  it('refuses no frames', () => {
    expect(() => renderSvg([], { cols: 1, rows: 1, title: '' })).toThrow(/no frames/);
  });

  it('maskSecrets leaves other text alone', () => {
    expect(maskSecrets('abc', ['zz', ''])).toBe('abc');
  });
});

describe('framesFrom', () => {
  const screen = (at: number, text: string): ScreenState => ({ at, text, styled: [[run(0, text)]] });

  it('drops half-drawn screens, cuts long waits, and holds the last one', () => {
    const frames = framesFrom([screen(0, 'start'), screen(9000, 'half'), screen(9010, 'prompt'), screen(9500, 'end')], 9500, {
      transientMs: 30,
      maxMs: 3500,
      lastMs: 5000,
    });
    expect(frames.map((f) => [f.lines[0]?.[0]?.text, f.ms])).toEqual([
      ['start', 3500],
      ['prompt', 490],
      ['end', 5000],
    ]);
  });
});
