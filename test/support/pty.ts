import { resolve } from 'node:path';
import xterm from '@xterm/headless';
import pty from '@lydell/node-pty';
import { recordOutput } from './secret-scan.js';

const { Terminal } = xterm;

export const BIN = resolve(import.meta.dirname, '../../dist/cli.js');

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';

export interface PtyOptions {
  cwd: string;
  /** Added to a minimal environment: PATH, HOME (the project folder), TERM=xterm-256color; no CI, no DISPLAY. */
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
  /** Defaults to the built bin (dist/cli.js); the demo test runs dist/demo.js. */
  script?: string;
  /** Keep every screen state's colours too (costly; for recordings). */
  styled?: boolean;
}

/** A terminal colour as xterm holds it: a palette index (0-255), a 24-bit RGB value, or the default. */
export type CellColour = { palette: number } | { rgb: number } | null;

/** A run of cells with the same look, starting at column `col`. */
export interface StyledRun {
  col: number;
  text: string;
  fg: CellColour;
  bg: CellColour;
  bold: boolean;
  dim: boolean;
}

export interface ScreenState {
  /** ms since the start. */
  at: number;
  text: string;
  /** With `styled: true`: the same screen with colours, for a recording. */
  styled?: StyledRun[][];
}

export interface PtyRun {
  /** The visible screen: `rows` lines, trailing spaces trimmed. */
  screenText(): string;
  /** Every line the terminal holds, scrollback included, lines the terminal wrapped joined back. */
  bufferText(): string;
  /** Every distinct screen the terminal showed, in order (one per parsed chunk of output). */
  readonly screens: readonly ScreenState[];
  /** Everything the program wrote, escape sequences included. */
  raw(): string;
  /** Resolves with the screen once it shows `what`; rejects after `timeoutMs` with the screen in the message. */
  waitFor(what: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Types keys. Only after the prompt that reads them has drawn (waitFor it first). */
  write(keys: string): void;
  /** The exit code; 128 + n for a signal. */
  readonly exit: Promise<number>;
  /** Whether the cursor is visible, by the last hide/show sequence the program wrote. */
  cursorVisible(): boolean;
  /** The xterm buffer, for renderers that want colours. */
  readonly terminal: InstanceType<typeof Terminal>;
  /** The program's process id (node itself: no shell in between). */
  readonly pid: number;
  kill(): void;
}

type Cell = NonNullable<ReturnType<NonNullable<ReturnType<InstanceType<typeof Terminal>['buffer']['active']['getLine']>>['getCell']>>;

function colour(mode: { rgb: boolean; palette: boolean }, value: number): CellColour {
  if (mode.rgb) return { rgb: value };
  if (mode.palette) return { palette: value };
  return null;
}

function sameColour(a: CellColour, b: CellColour): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The visible screen as runs of same-looking cells (inverse already applied by swapping colours). */
export function styledScreen(terminal: InstanceType<typeof Terminal>): StyledRun[][] {
  const buffer = terminal.buffer.active;
  const out: StyledRun[][] = [];
  let cell: Cell | undefined;
  for (let y = buffer.viewportY; y < buffer.viewportY + terminal.rows; y++) {
    const line = buffer.getLine(y);
    const runs: StyledRun[] = [];
    for (let x = 0; line && x < terminal.cols; x++) {
      cell = line.getCell(x, cell);
      if (!cell || cell.getWidth() === 0) continue;
      let fg = colour({ rgb: cell.isFgRGB(), palette: cell.isFgPalette() }, cell.getFgColor());
      let bg = colour({ rgb: cell.isBgRGB(), palette: cell.isBgPalette() }, cell.getBgColor());
      if (cell.isInverse()) [fg, bg] = [bg ?? { palette: 7 }, fg ?? { palette: 0 }];
      const look = { fg, bg, bold: cell.isBold() !== 0, dim: cell.isDim() !== 0 };
      const chars = cell.getChars() || ' ';
      const last = runs.at(-1);
      if (last && sameColour(last.fg, look.fg) && sameColour(last.bg, look.bg) && last.bold === look.bold && last.dim === look.dim) {
        last.text += chars;
      } else {
        runs.push({ col: x, text: chars, ...look });
      }
    }
    // Trailing blanks with no background carry nothing.
    const last = runs.at(-1);
    if (last && last.bg === null) last.text = last.text.trimEnd();
    out.push(runs.filter((r) => r.text !== '' || r.bg !== null));
  }
  return out;
}

function matches(text: string, what: string | RegExp): boolean {
  return typeof what === 'string' ? text.includes(what) : what.test(text);
}

/** Runs a built script (the bin by default) in a real pseudo-terminal, its output parsed by xterm. */
export function runInPty(args: string[], options: PtyOptions): PtyRun {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const terminal = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true });
  const started = performance.now();
  const child = pty.spawn(process.execPath, [options.script ?? BIN, ...args], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: options.cwd, TERM: 'xterm-256color', ...options.env },
  });

  let raw = '';
  const screens: ScreenState[] = [];
  const waiters = new Set<() => void>();
  // Output is parsed asynchronously: `parsed` settles once everything received so far is on the screen.
  let parsed: Promise<void> = Promise.resolve();

  const lines = (from: number, to: number): string => {
    const buffer = terminal.buffer.active;
    const out: string[] = [];
    for (let y = from; y < to; y++) out.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return out.join('\n');
  };
  const screenText = () => lines(terminal.buffer.active.viewportY, terminal.buffer.active.viewportY + rows);

  child.onData((data) => {
    raw += data;
    parsed = new Promise((done) =>
      terminal.write(data, () => {
        const text = screenText();
        if (screens.at(-1)?.text !== text) {
          const at = Math.round(performance.now() - started);
          screens.push(options.styled ? { at, text, styled: styledScreen(terminal) } : { at, text });
        }
        for (const check of waiters) check();
        done();
      }),
    );
  });

  const exit = new Promise<number>((done) => {
    child.onExit(({ exitCode, signal }) => {
      // Let the last output reach the screen before anyone asserts on it.
      setTimeout(
        () =>
          void parsed.then(() => {
            // The bin's output joins the secrecy scan; the demo's banner lists the fake tokens on purpose.
            if (options.script === undefined) {
              recordOutput('pty raw', raw);
              for (const s of screens) recordOutput('pty screen', s.text);
            }
            done(signal ? 128 + signal : exitCode);
          }),
        50,
      );
    });
  });

  const waitFor = (what: string | RegExp, timeoutMs = 8000): Promise<string> =>
    new Promise((done, fail) => {
      const check = () => {
        const text = screenText();
        if (!matches(text, what)) return;
        cleanup();
        done(text);
      };
      const timer = setTimeout(() => {
        cleanup();
        fail(new Error(`screen never showed ${String(what)} within ${timeoutMs} ms; it shows:\n${screenText()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void parsed.then(check);
    });

  return {
    screenText,
    bufferText: () => {
      const buffer = terminal.buffer.active;
      let text = '';
      for (let y = 0; y < buffer.length; y++) {
        const line = buffer.getLine(y);
        text += `${y > 0 && !line?.isWrapped ? '\n' : ''}${line?.translateToString(!buffer.getLine(y + 1)?.isWrapped) ?? ''}`;
      }
      return text;
    },
    screens,
    raw: () => raw,
    waitFor,
    write: (keys) => child.write(keys),
    exit,
    cursorVisible: () => raw.lastIndexOf(SHOW_CURSOR) >= raw.lastIndexOf(HIDE_CURSOR),
    terminal,
    pid: child.pid,
    kill: () => child.kill(),
  };
}
