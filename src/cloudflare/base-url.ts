import { UsageError } from '../errors.js';
import { ENV, envValue, type Env } from '../env.js';
import { isLoopbackHost } from './loopback.js';

const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';
export const [BASE_URL_ENV] = ENV.baseUrl;

interface BaseUrl {
  /** Origin plus path, no trailing slash: request paths are appended to it. */
  url: string;
  /** Set when the path does not end in /client/v4 (a proxy or mirror may still be right). */
  warning?: string;
}

/**
 * The API base, as wrangler reads it: CLOUDFLARE_API_BASE_URL replaces the whole base.
 * Messages never repeat the value itself: someone may have pasted a token into it.
 */
export function resolveBaseUrl(env: Env): BaseUrl {
  const raw = envValue(env, BASE_URL_ENV);
  if (raw === undefined) return { url: DEFAULT_BASE_URL };

  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new UsageError(`${BASE_URL_ENV} is not a URL; expected something like ${DEFAULT_BASE_URL}.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    const scheme = schemeOf(raw);
    throw new UsageError(`${BASE_URL_ENV} must start with https://${scheme ? ` (not ${scheme})` : ''}.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new UsageError(
      `${BASE_URL_ENV} must not hold a user name or password; the API token is sent in a header.`,
    );
  }
  if (raw.includes('?') || raw.includes('#')) {
    throw new UsageError(`${BASE_URL_ENV} must not hold a query string or fragment (no ? or #).`);
  }
  if (parsed.hostname === '') {
    throw new UsageError(`${BASE_URL_ENV} has no host name; expected something like ${DEFAULT_BASE_URL}.`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new UsageError(
      `${BASE_URL_ENV} uses plain http:// for ${parsed.host}; use https:// so the token travels encrypted (http is allowed only for 127.0.0.1, ::1 and localhost).`,
    );
  }

  const path = parsed.pathname.replace(/\/+$/, '');
  const url = `${parsed.protocol}//${parsed.host}${path}`;
  if (path.endsWith('/client/v4')) return { url };
  const shown = showablePath(path || '/');
  return {
    url,
    warning: shown
      ? `${BASE_URL_ENV} path ${shown} does not end in /client/v4; requests go to ${parsed.protocol}//${parsed.host}${path}/user/tokens/verify and the like.`
      : `${BASE_URL_ENV} has a path that does not end in /client/v4; requests go to that path on ${parsed.host} (…/user/tokens/verify and the like).`,
  };
}

/** The path, when it reads like ordinary words; undefined when a segment is long enough to be a pasted secret. */
function showablePath(path: string): string | undefined {
  return path.split('/').every((segment) => /^[\w.~-]{0,24}$/.test(segment)) ? path : undefined;
}

/** The scheme as typed, cut short so a pasted secret never comes back in a message. */
function schemeOf(raw: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]{0,15}):/i.exec(raw)?.[1];
  return scheme ? `${scheme.toLowerCase()}://` : undefined;
}
