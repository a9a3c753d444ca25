import { resolve } from 'node:path';
import xterm from '@xterm/headless';
import pty from 'node-pty';

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
  /** Defaults to the built bin; the demo recorder runs dist/demo.js. */
  script?: string;
}

export interface ScreenState {
  /** ms since the start. */
  at: number;
  text: string;
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
        if (screens.at(-1)?.text !== text) screens.push({ at: Math.round(performance.now() - started), text });
        for (const check of waiters) check();
        done();
      }),
    );
  });

  const exit = new Promise<number>((done) => {
    child.onExit(({ exitCode, signal }) => {
      // Let the last output reach the screen before anyone asserts on it.
      setTimeout(() => void parsed.then(() => done(signal ? 128 + signal : exitCode)), 50);
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
