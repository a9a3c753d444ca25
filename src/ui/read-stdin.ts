import { LocalError } from '../errors.js';

/** Reads all of a stream as UTF-8, refusing more than `maxBytes` and giving up after `timeoutMs` without an end. */
export function readAllCapped(stream: NodeJS.ReadableStream, maxBytes: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | null, text?: string) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.pause();
      if (error) reject(error);
      else resolve(text ?? '');
    };
    const onData = (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > maxBytes) {
        finish(new LocalError(`More than ${Math.round(maxBytes / 1024)} KiB arrived on standard input: that is not a token. Pipe in the token alone.`));
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks).toString('utf8'));
    const onError = (error: Error) => finish(new LocalError(`Could not read standard input (${error.message}).`));
    const timer = setTimeout(
      () => finish(new LocalError(`Standard input did not end within ${timeoutMs / 1000} seconds: pipe the token in and close the input.`)),
      timeoutMs,
    );
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}
