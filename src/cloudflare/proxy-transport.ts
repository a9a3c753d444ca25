import { EnvHttpProxyAgent, fetch } from 'undici';
import type { HttpFetch, HttpResponse } from '../deps.js';
import type { ProxySettings } from './proxy.js';


/**
 * Requests that go through HTTPS_PROXY / HTTP_PROXY: undici's fetch behind an EnvHttpProxyAgent, which
 * speaks CONNECT to http and https proxies. Settings come from the env mastrakit was handed, never from
 * process.env (empty strings, not undefined: undefined would make undici read process.env).
 */
export function createProxyTransport(settings: ProxySettings, options: { timeoutMs: number }): HttpFetch {
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: settings.http?.uri ?? '',
    httpsProxy: settings.https?.uri ?? '',
    noProxy: settings.noProxy,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  });
  return async (url, init): Promise<HttpResponse> => {
    // Redirects are not followed: the token must not be replayed to wherever a redirect points.
    const response = await fetch(url, { ...init, dispatcher, redirect: 'manual' });
    // A web ReadableStream is async-iterable; the client stops reading at its size cap and aborts.
    return { status: response.status, headers: response.headers, body: response.body };
  };
}
