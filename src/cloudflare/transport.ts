import type { HttpFetch } from '../deps.js';
import { createDirectTransport } from './direct-transport.js';
import type { Env } from '../env.js';
import { ViaProxyError } from './network-failure.js';
import { proxyFor, readProxySettings } from './proxy.js';
import { MAX_TIMEOUT_MS } from './timeout.js';

/** Slack over the client's own per-request limit, so the client's clearer timeout message wins. */
const BACKSTOP_MARGIN_MS = 1_000;

/**
 * The real HttpFetch. A request that goes direct (always the case for loopback) uses node:http/https
 * with keep-alive agents; one that a proxy variable applies to goes through undici, imported only then.
 * Proxy variables come from `env` (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower case first), never from
 * process.env. Failures of proxied requests are wrapped in ViaProxyError so messages can name the proxy.
 * Throws LocalError for a malformed proxy URL.
 * `timeoutMs` is only the sockets' backstop; the client's per-request signal is the working limit, so by
 * default the backstop sits above the longest timeout a user may choose.
 */
export function createTransport(env: Env, options: { timeoutMs?: number } = {}): HttpFetch {
  const settings = readProxySettings(env);
  const limit = { timeoutMs: (options.timeoutMs ?? MAX_TIMEOUT_MS) + BACKSTOP_MARGIN_MS };
  const direct = createDirectTransport(limit);
  let proxied: Promise<HttpFetch> | undefined;

  return async (url, init) => {
    const proxy = proxyFor(settings, url);
    if (!proxy) return direct(url, init);
    const wrap = (error: unknown): never => {
      throw new ViaProxyError(proxy.host, proxy.variable, { cause: error });
    };
    proxied ??= import('./proxy-transport.js').then((m) => m.createProxyTransport(settings, limit));
    const response = await (await proxied)(url, init).catch(wrap);
    return { ...response, body: response.body ? wrapped(response.body, wrap) : null };
  };
}

/** The body's chunks, with a failure while they travel wrapped like the request's own. */
async function* wrapped(body: AsyncIterable<Uint8Array>, wrap: (error: unknown) => never): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    wrap(error);
  }
}
