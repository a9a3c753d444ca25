import type { CellColour, StyledRun } from '../../test/support/pty.js';

/** One picture of the terminal and how long it stays. */
export interface Frame {
  lines: StyledRun[][];
  ms: number;
}

export interface SvgOptions {
  cols: number;
  rows: number;
  /** Read by screen readers and shown as a tooltip. */
  title: string;
  /** Masked wherever they appear in a run, as a last guard: a recording must never carry a token. */
  secrets?: readonly string[];
  fontSize?: number;
}

// A dark theme for the 16 basic colours (kleur and clack use only these).
const BASIC = [
  '#1d1f21', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d7dae0',
  '#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#82c4ff', '#e39ef5', '#7fd4de', '#ffffff',
];
const FOREGROUND = '#d7dae0';
const BACKGROUND = '#1d1f21';

/** CSS colour of a cell colour; the 256-colour cube and grey ramp as xterm defines them. */
export function cssColour(c: CellColour, fallback: string): string {
  if (c === null) return fallback;
  if ('rgb' in c) return `#${c.rgb.toString(16).padStart(6, '0')}`;
  const n = c.palette;
  if (n < 16) return BASIC[n] ?? fallback;
  if (n >= 232) {
    const v = (8 + (n - 232) * 10).toString(16).padStart(2, '0');
    return `#${v}${v}${v}`;
  }
  const i = n - 16;
  const level = (k: number) => (k === 0 ? 0 : 55 + k * 40).toString(16).padStart(2, '0');
  return `#${level(Math.floor(i / 36))}${level(Math.floor(i / 6) % 6)}${level(i % 6)}`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s ? t.split(s).join('*'.repeat(s.length)) : t), text);
}

/**
 * Splits a run so that every character outside plain ASCII is placed at its own column: box drawing,
 * ✔ and ❌ often come from a fallback font of another width, and would push the rest of the line.
 */
export function placedPieces(run: StyledRun): { col: number; text: string }[] {
  const pieces: { col: number; text: string }[] = [];
  let col = run.col;
  for (const ch of run.text) {
    const last = pieces.at(-1);
    const ascii = ch >= ' ' && ch <= '~';
    if (ascii && last && /^[ -~]+$/.test(last.text) && last.col + last.text.length === col) last.text += ch;
    else pieces.push({ col, text: ch });
    col += 1;
  }
  // Leading blanks are not drawn but skipped, so no renderer can collapse them and shift the text.
  return pieces
    .map((p) => {
      const text = p.text.trimStart();
      return { col: p.col + (p.text.length - text.length), text };
    })
    .filter((p) => p.text !== '');
}

/**
 * An animated SVG of terminal frames: the frames stacked like film, one CSS animation moving it a
 * frame at a time (steps), so the file stays small and plays in an <img> (GitHub's README).
 * With reduced motion, the last frame is shown still.
 */
export function renderSvg(frames: readonly Frame[], options: SvgOptions): string {
  if (frames.length === 0) throw new Error('no frames to render');
  const fontSize = options.fontSize ?? 14;
  const charWidth = fontSize * 0.6;
  const lineHeight = Math.round(fontSize * 1.3);
  const pad = 16;
  const screenWidth = Math.ceil(options.cols * charWidth);
  const screenHeight = options.rows * lineHeight;
  const secrets = options.secrets ?? [];

  const classes = new Map<string, string>();
  const classOf = (colour: string, kind: 'f' | 'b'): string => {
    const key = `${kind}${colour}`;
    let name = classes.get(key);
    if (!name) {
      name = `${kind}${classes.size}`;
      classes.set(key, name);
    }
    return name;
  };

  const frameBodies = frames.map((frame, index) => {
    const parts: string[] = [];
    frame.lines.forEach((runs, row) => {
      const y = row * lineHeight;
      const spans: string[] = [];
      for (const run of runs) {
        if (run.bg !== null) {
          const bg = classOf(cssColour(run.bg, BACKGROUND), 'b');
          parts.push(`<rect class="${bg}" x="${(run.col * charWidth).toFixed(1)}" y="${y}" width="${(run.text.length * charWidth).toFixed(1)}" height="${lineHeight}"/>`);
        }
        const text = maskSecrets(run.text, secrets);
        if (text.trim() === '') continue;
        const look = [
          run.fg === null ? '' : classOf(cssColour(run.fg, FOREGROUND), 'f'),
          run.bold ? 'bo' : '',
          run.dim ? 'di' : '',
        ].filter(Boolean).join(' ');
        for (const piece of placedPieces({ ...run, text })) {
          const cls = look ? ` class="${look}"` : '';
          spans.push(`<tspan x="${(piece.col * charWidth).toFixed(1)}"${cls}>${escapeXml(piece.text)}</tspan>`);
        }
      }
      if (spans.length > 0) parts.push(`<text xml:space="preserve" y="${y + Math.round(fontSize * 1.0)}">${spans.join('')}</text>`);
    });
    return `<g transform="translate(0 ${index * screenHeight})">${parts.join('')}</g>`;
  });

  const total = frames.reduce((sum, f) => sum + f.ms, 0);
  let elapsed = 0;
  const stops = frames.map((frame, index) => {
    const at = ((elapsed / total) * 100).toFixed(3);
    elapsed += frame.ms;
    return `${at}%{transform:translateY(-${index * screenHeight}px)}`;
  });
  const lastShift = (frames.length - 1) * screenHeight;
  stops.push(`100%{transform:translateY(-${lastShift}px)}`);

  const colourRules = [...classes].map(([key, name]) => `.${name}{fill:${key.slice(1)}}`);
  const width = screenWidth + pad * 2;
  const height = screenHeight + pad * 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    '<style>',
    `text{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace;font-size:${fontSize}px;white-space:pre;fill:${FOREGROUND}}`,
    '.bo{font-weight:bold}.di{opacity:.6}',
    ...colourRules,
    `@keyframes play{${stops.join('')}}`,
    `#film{animation:play ${(total / 1000).toFixed(2)}s steps(1,end) infinite}`,
    `@media (prefers-reduced-motion:reduce){#film{animation:none;transform:translateY(-${lastShift}px)}}`,
    '</style>',
    `<rect width="${width}" height="${height}" rx="8" fill="${BACKGROUND}"/>`,
    `<svg x="${pad}" y="${pad}" width="${screenWidth}" height="${screenHeight}" viewBox="0 0 ${screenWidth} ${screenHeight}">`,
    `<g id="film">${frameBodies.join('')}</g>`,
    '</svg>',
    '</svg>',
    '',
  ].join('\n');
}
