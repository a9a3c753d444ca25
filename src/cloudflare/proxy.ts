import { LocalError } from '../errors.js';
import { ENV, type Env } from '../env.js';
import { isLoopbackHost } from './loopback.js';

/** Where the proxy settings came from, for messages: never the credentials in it. */
interface ProxyRoute {
  /** Full proxy URL (may hold credentials): for the dispatcher only, never for a message. */
  uri: string;
  /** host:port of the proxy, safe to show. */
  host: string;
  /** The variable it was read from, e.g. HTTPS_PROXY. */
  variable: string;
}

export interface ProxySettings {
  http?: ProxyRoute;
  https?: ProxyRoute;
  /** The NO_PROXY list as undici reads it, with loopback hosts always added. */
  noProxy: string;
}

/** Loopback never goes through a proxy (as Go's net/http decides): the local stand-in must work behind one. */
const ALWAYS_DIRECT = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The same precedence undici's EnvHttpProxyAgent applies (lower case first, HTTPS falls back to HTTP),
 * read from the env it is handed rather than process.env.
 */
export function readProxySettings(env: Env): ProxySettings {
  const http = route(env, ENV.httpProxy);
  const https = route(env, ENV.httpsProxy) ?? http;
  const noProxyName = ENV.noProxy.find((n) => env[n] !== undefined);
  const listed = (noProxyName && env[noProxyName]) ?? '';
  const noProxy = listed.trim() === '*' ? '*' : [listed, ...ALWAYS_DIRECT].filter(Boolean).join(',');
  return { ...(http && { http }), ...(https && { https }), noProxy };
}

/** The proxy a request to this URL goes through, or undefined when it goes direct. */
export function proxyFor(settings: ProxySettings, url: string): ProxyRoute | undefined {
  const target = new URL(url);
  const chosen = target.protocol === 'https:' ? settings.https : settings.http;
  if (!chosen || isLoopbackHost(target.hostname)) return undefined;
  if (settings.noProxy === '*') return undefined;
  const host = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  for (const entry of settings.noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const withPort = /^(.+):(\d+)$/.exec(entry);
    const name = (withPort?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
    if (withPort && Number(withPort[2]) !== port) continue;
    if (host === name || host.endsWith(`.${name}`)) return undefined;
  }
  return chosen;
}

function route(env: Env, names: readonly string[]): ProxyRoute | undefined {
  // `??` on purpose: undici lets an empty lower-case variable switch off the upper-case one.
  const name = names.find((n) => env[n] !== undefined);
  const raw = name === undefined ? undefined : env[name]?.trim();
  if (name === undefined || !raw) return undefined;
  // curl accepts "proxy:8080"; undici needs a scheme.
  const uri = raw.includes('://') ? raw : `http://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw new LocalError(`${name} is not a proxy URL; expected something like http://proxy.example:8080.`);
  }
  if (!['http:', 'https:', 'socks:', 'socks5:'].includes(parsed.protocol) || parsed.hostname === '') {
    throw new LocalError(`${name} is not a proxy URL; expected something like http://proxy.example:8080.`);
  }
  return { uri, host: parsed.host, variable: name };
}
