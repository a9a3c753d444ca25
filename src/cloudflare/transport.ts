import { setFlagsFromString } from 'node:v8';
import { EnvHttpProxyAgent, fetch } from 'undici';
import type { HttpFetch, HttpResponse } from '../deps.js';
import type { Env } from './env.js';
import { ViaProxyError } from './network-failure.js';
import { proxyFor, readProxySettings } from './proxy.js';
import { MAX_TIMEOUT_MS } from './timeout.js';

// undici parses HTTP with llhttp compiled to WebAssembly, on the first connection. V8's optimising tier
// compiles that whole module up front: about 35 MiB and a few hundred ms for the dozen requests a check
// sends. The baseline compiler alone keeps doctor's peak memory near 60 MiB (see `npm run bench`).
setFlagsFromString('--liftoff-only');

/** Slack over the client's own per-request limit, so the client's clearer timeout message wins. */
const BACKSTOP_MARGIN_MS = 1_000;

/**
 * The real HttpFetch: undici's fetch through an EnvHttpProxyAgent. Proxy variables come from `env`
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, lower case first), never from process.env; loopback always goes
 * direct. Failures of proxied requests are wrapped in ViaProxyError so messages can name the proxy.
 * Throws LocalError for a malformed proxy URL.
 * `timeoutMs` is only undici's backstop (headers, body, connect); the client's per-request signal is the
 * working limit, so by default the backstop sits above the longest timeout a user may choose.
 */
export function createTransport(env: Env, options: { timeoutMs?: number } = {}): HttpFetch {
  const settings = readProxySettings(env);
  const limit = (options.timeoutMs ?? MAX_TIMEOUT_MS) + BACKSTOP_MARGIN_MS;
  const dispatcher = new EnvHttpProxyAgent({
    // Empty strings, not undefined: undefined would make undici fall back to process.env.
    httpProxy: settings.http?.uri ?? '',
    httpsProxy: settings.https?.uri ?? '',
    noProxy: settings.noProxy,
    headersTimeout: limit,
    bodyTimeout: limit,
    connect: { timeout: limit },
  });

  return async (url, init): Promise<HttpResponse> => {
    const proxy = proxyFor(settings, url);
    const wrap = (error: unknown): never => {
      throw proxy ? new ViaProxyError(proxy.host, proxy.variable, { cause: error }) : error;
    };
    // Redirects are not followed: the token must not be replayed to wherever a redirect points.
    const response = await fetch(url, { ...init, dispatcher, redirect: 'manual' }).catch(wrap);
    return {
      status: response.status,
      headers: response.headers,
      text: () => response.text().catch(wrap),
    };
  };
}
