import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { spinWhile } from '../../src/ui/spinner.js';

/** A stand-in terminal: raw mode is recorded, keys are bytes written to the input. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    rawCalls: [] as boolean[],
    setRawMode(raw: boolean) {
      this.isRaw = raw;
      this.rawCalls.push(raw);
      return this;
    },
  });
  const output = Object.assign(new PassThrough(), { isTTY: true });
  let screen = '';
  output.on('data', (c: Buffer) => (screen += c.toString()));
  return { input, output, screen: () => screen };
}

const never = (signal: AbortSignal) =>
  new Promise<string>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('the wizard spinner', () => {
  it('returns the work result, leaves the done line, restores raw mode and shows the cursor', async () => {
    const t = terminal();
    const result = await spinWhile(t, 'Checking', async () => 42, (n) => `Checked ${n}`);
    expect(result).toBe(42);
    expect(t.screen()).toContain('Checked 42');
    expect(t.screen().endsWith('\x1b[?25h')).toBe(true);
    expect(t.input.rawCalls).toEqual([true, false]);
  });

  it('a done line of null leaves no line behind: the spinner line is cleared, the cursor shown', async () => {
    const t = terminal();
    await spinWhile(t, 'Checking', async () => 42, () => null);
    expect(t.screen()).not.toContain('◇');
    expect(t.screen().endsWith('\r\x1b[2K\x1b[?25h')).toBe(true);
  });

  it.each([
    ['Ctrl-C', '\x03'],
    ['Escape', '\x1b'],
  ])('%s aborts the work and throws CancelledError, cursor visible again', async (_name, key) => {
    const t = terminal();
    let signal: AbortSignal | undefined;
    const running = spinWhile(t, 'Checking', (s) => {
      signal = s;
      return never(s);
    });
    setTimeout(() => t.input.write(key), 20);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(signal?.aborted).toBe(true);
    expect(t.screen()).toContain('\x1b[?25h');
    expect(t.input.isRaw).toBe(false);
  });

  it('a failing work is passed through, terminal restored', async () => {
    const t = terminal();
    await expect(spinWhile(t, 'Checking', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(t.screen()).toContain('\x1b[?25h');
    expect(t.input.isRaw).toBe(false);
  });
});
