import { resolveBaseUrl } from '../cloudflare/base-url.js';
import { createClient, createWriteClient } from '../cloudflare/client.js';
import { resolveTimeoutMs } from '../cloudflare/timeout.js';
import type { CloudflareClient, CloudflareWriter } from '../cloudflare/types.js';
import type { Deps } from '../deps.js';
import { USER_AGENT } from '../version.js';

/** The world one token's requests need: base URL, transport, timeout. Read once from Deps by the flow. */
export interface ApiPlace {
  baseUrl: string;
  fetch: Deps['fetch'];
  sleep: Deps['sleep'];
  timeoutMs: number;
}

export function apiPlace(deps: Pick<Deps, 'env' | 'fetch' | 'sleep'>, timeoutSeconds: number | undefined): ApiPlace {
  return {
    baseUrl: resolveBaseUrl(deps.env).url,
    fetch: deps.fetch,
    sleep: deps.sleep,
    timeoutMs: timeoutSeconds === undefined ? resolveTimeoutMs(deps.env) : timeoutSeconds * 1000,
  };
}

export interface Clients {
  read: CloudflareClient;
  write: CloudflareWriter;
}

/** A reading and a writing client for one token; `signal` (a spinner's Ctrl-C) aborts their requests. */
export function clientsFor(place: ApiPlace, token: string, signal?: AbortSignal): Clients {
  const options = {
    baseUrl: place.baseUrl,
    token,
    fetch: place.fetch,
    sleep: place.sleep,
    userAgent: USER_AGENT,
    timeoutMs: place.timeoutMs,
    ...(signal && { deadline: signal }),
  };
  return { read: createClient(options), write: createWriteClient(options) };
}
