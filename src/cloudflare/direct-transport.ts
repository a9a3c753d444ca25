import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpFetch, HttpResponse } from '../deps.js';
import { BodyClosedError } from './network-failure.js';

/**
 * Requests that go straight to the API host, over node:http / node:https. Node's own HTTP parser is
 * already loaded at start-up, so this path costs a few milliseconds where undici's fetch costs about
 * a hundred (its entry point, web streams and a WebAssembly parser): see `npm run bench`.
 * One keep-alive agent per protocol for the whole run: a check's dozen requests share a few connections
 * (one per request in flight at once, kept for the next round) instead of a TCP and TLS handshake each.
 * `timeoutMs` is only a backstop on an idle socket; the client's own signal is the working limit.
 */
export function createDirectTransport(options: { timeoutMs: number }): HttpFetch {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, timeout: options.timeoutMs }),
    'https:': new HttpsAgent({ keepAlive: true, timeout: options.timeoutMs }),
  };
  return (url, init) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const target = new URL(url);
      const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
      const send = protocol === 'https:' ? httpsRequest : httpRequest;
      const lookup = target.hostname.toLowerCase() === 'localhost' ? lookupLocalhost : undefined;
      const req = send(target, { method: init.method, headers: init.headers, agent: agents[protocol], signal: init.signal, ...(lookup && { lookup }) });
      req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error('socket timed out'), { code: 'ETIMEDOUT' })));
      req.once('error', reject);
      req.once('response', (res) => resolve(wrap(res)));
      // A body only for `setup --create`'s token calls.
      req.end(init.body);
    });
}

/**
 * `localhost` counts as loopback, so plain http may carry the token there: it must never be asked of
 * DNS (glibc does when /etc/hosts lacks it), so it is pinned to 127.0.0.1 here. `all` is what Node's
 * happy-eyeballs connect asks for.
 */
export function lookupLocalhost(
  _hostname: string,
  options: { all?: boolean },
  callback: (error: null, address: string | { address: string; family: number }[], family?: number) => void,
): void {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

function wrap(res: IncomingMessage): HttpResponse {
  return {
    status: res.statusCode ?? 0,
    headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
    body: chunks(res),
  };
}

/**
 * The body as it arrives. The client reads it at once (so the socket goes back to the pool) and stops
 * at its size cap: leaving the loop destroys the response, so nothing past the cap is buffered.
 */
async function* chunks(res: IncomingMessage): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of res) yield chunk as Buffer;
  } catch (error) {
    // An 'aborted' response or a stream error before the end both mean the body broke off after the headers.
    throw res.complete ? error : new BodyClosedError({ cause: error });
  }
  if (!res.complete) throw new BodyClosedError();
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}
