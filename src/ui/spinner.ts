import { emitKeypressEvents } from 'node:readline';
import kleur from 'kleur';
import { CancelledError } from '../errors.js';
import { HIDE_CURSOR, SHOW_CURSOR } from './cursor.js';

export interface SpinnerIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean; isRaw?: boolean; setRawMode?: (raw: boolean) => unknown };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

const FRAMES = ['◒', '◐', '◓', '◑'];
const CLEAR_LINE = '\r\x1b[2K';

interface Key {
  name?: string;
  ctrl?: boolean;
}

/**
 * A spinner that owns its keys. clack's own spinner reads process.stdin (not the stream it is given)
 * and exits the process with code 0 on Ctrl-C; the wizard needs Ctrl-C and Escape to abort the
 * checks and end with 130, so this one listens on the wizard's input in raw mode instead.
 */
export async function spinWhile<T>(
  io: SpinnerIo,
  message: string,
  work: (signal: AbortSignal) => Promise<T>,
  done: (result: T) => string | null = () => message,
): Promise<T> {
  const { input, output } = io;
  const controller = new AbortController();
  let cancel: (() => void) | undefined;
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => reject(new CancelledError());
  });
  cancelled.catch(() => undefined);
  const onKey = (_: unknown, key?: Key) => {
    if (!key) return;
    if ((key.ctrl && key.name === 'c') || key.name === 'escape') {
      cancel?.();
      controller.abort(new CancelledError());
    }
  };

  const wasRaw = input.isRaw ?? false;
  emitKeypressEvents(input);
  if (input.isTTY && input.setRawMode) input.setRawMode(true);
  input.on('keypress', onKey);
  input.resume();

  let frame = 0;
  let dots = 0;
  const render = () => {
    const mark = kleur.magenta(FRAMES[frame % FRAMES.length] ?? '•');
    output.write(`${CLEAR_LINE}${mark}  ${message}${'.'.repeat(Math.floor(dots) % 4)}`);
    frame++;
    dots += 0.25;
  };
  output.write(`${kleur.gray('│')}\n${HIDE_CURSOR}`);
  render();
  const timer = setInterval(render, 80);

  const restore = () => {
    clearInterval(timer);
    input.off('keypress', onKey);
    if (input.isTTY && input.setRawMode) input.setRawMode(wasRaw);
    input.pause();
  };
  try {
    const running = work(controller.signal);
    running.catch(() => undefined);
    const result = await Promise.race([running, cancelled]);
    restore();
    const line = done(result);
    output.write(`${CLEAR_LINE}${line === null ? '' : `${kleur.green('◇')}  ${line}\n`}${SHOW_CURSOR}`);
    return result;
  } catch (error) {
    restore();
    // The work may reject first with its own abort error: a key press still means the user cancelled.
    const cancelledByUser = error instanceof CancelledError || controller.signal.aborted;
    output.write(`${CLEAR_LINE}${kleur.red('■')}  ${message}: ${cancelledByUser ? 'cancelled' : 'stopped'}\n${SHOW_CURSOR}`);
    throw cancelledByUser ? new CancelledError() : error;
  }
}
