/**
 * Turns what fetch threw into one sentence for the user and a retry decision.
 * undici hides the real cause under `TypeError: fetch failed` (.cause, sometimes an AggregateError
 * of one error per address tried), so the chain is walked. Only error codes and host names are ever
 * repeated: a message from the far side could hold anything.
 */

/** Thrown by the transport around any failure of a request that went through a proxy. */
export class ViaProxyError extends Error {
  constructor(
    readonly proxyHost: string,
    readonly proxyVariable: string,
    options: { cause: unknown },
  ) {
    super(`request through proxy ${proxyHost} failed`, options);
    this.name = 'ViaProxyError';
  }
}

/** Thrown by the direct transport when the body broke off after the headers had arrived. */
export class BodyClosedError extends Error {
  readonly code = 'BODY_CLOSED';
  constructor(options?: { cause: unknown }) {
    super('the connection closed before the body was complete', options);
    this.name = 'BodyClosedError';
  }
}

interface NetworkFailure {
  message: string;
  /** Worth another try: resets, refusals, transient DNS. Never TLS, permanent DNS or proxy refusals. */
  retryable: boolean;
}

interface Found {
  code?: string;
  message: string;
  hostname?: string;
}

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'CERT_REJECTED',
]);
const TLS_DATES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const TLS_NAME = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH']);
const RESET = new Set(['BODY_CLOSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
/** Codes that mean the answer broke off part-way (undici's, and the direct transport's own). */
const CUT_SHORT = new Set(['BODY_CLOSED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const SLOW = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);
const PROXY_STATUS = /Proxy response \((\d{3})\) !== 200/;

const OPENSSL_REASON = /SSL routines:[a-z0-9_]*:([a-z ]{1,60}):/;

const CA_HINT = 'If you are behind a corporate proxy, point NODE_EXTRA_CA_CERTS at its CA certificate.';

/**
 * @param host host[:port] of the API base, as shown to the user.
 * @param timeoutHint the sentence to use when the socket layer itself timed out.
 */
export function describeNetworkFailure(error: unknown, host: string, timeoutHint: string): NetworkFailure {
  const proxy = findProxy(error);
  const chain = flatten(error);
  const byCode = (codes: ReadonlySet<string>): Found | undefined =>
    chain.find((e) => e.code !== undefined && codes.has(e.code));
  const codeIs = (code: string): Found | undefined => chain.find((e) => e.code === code);
  const via = proxy ? ` through the proxy ${proxy.proxyHost} (from ${proxy.proxyVariable})` : '';

  const untrusted = byCode(TLS_UNTRUSTED);
  if (untrusted) {
    return fixed(`TLS certificate of ${host} is not trusted (${untrusted.code})${via}. ${CA_HINT}`);
  }
  const dated = byCode(TLS_DATES);
  if (dated) {
    return fixed(
      `TLS certificate of ${host} is outside its validity dates (${dated.code}); check this computer's clock. ${CA_HINT}`,
    );
  }
  const misnamed = byCode(TLS_NAME);
  if (misnamed) {
    return fixed(`TLS certificate presented for ${host} is for another host name (${misnamed.code})${via}. ${CA_HINT}`);
  }

  const proxyStatus = chain.map((e) => PROXY_STATUS.exec(e.message)?.[1]).find(Boolean);
  if (proxy && proxyStatus) {
    const what =
      proxyStatus === '407'
        ? `asks for credentials (HTTP 407); put them in ${proxy.proxyVariable} as http://user:password@host:port`
        : `would not connect to ${host} (HTTP ${proxyStatus})`;
    return fixed(`The proxy ${proxy.proxyHost} (from ${proxy.proxyVariable}) ${what}.`);
  }

  const notFound = codeIs('ENOTFOUND');
  if (notFound) {
    if (proxy) return fixed(`Could not find the proxy host ${proxy.proxyHost} (from ${proxy.proxyVariable}): DNS has no such name.`);
    return fixed(
      `Could not reach Cloudflare: no DNS address for ${notFound.hostname ?? hostOnly(host)} (ENOTFOUND); check your network connection.`,
    );
  }
  if (codeIs('EAI_AGAIN')) {
    return retry(`Could not reach Cloudflare: DNS lookup for ${hostOnly(host)} failed (EAI_AGAIN); check your network.`);
  }
  if (codeIs('ECONNREFUSED')) {
    if (proxy) return retry(`Could not reach the proxy ${proxy.proxyHost} (from ${proxy.proxyVariable}): connection refused.`);
    return retry(`Could not reach Cloudflare at ${host}: connection refused.`);
  }
  const reset = byCode(RESET);
  if (reset) {
    const what = CUT_SHORT.has(reset.code ?? '') ? 'the connection closed before the answer was complete' : `the connection was reset (${reset.code})`;
    return retry(`Could not reach Cloudflare at ${host}${via}: ${what}.`);
  }
  if (byCode(SLOW)) return fixed(timeoutHint);
  const unreachable = chain.find((e) => e.code === 'ENETUNREACH' || e.code === 'EHOSTUNREACH');
  if (unreachable) return fixed(`Could not reach Cloudflare at ${host}${via}: no route to the host (${unreachable.code}); check your network.`);

  const tls = chain.find((e) => e.code?.startsWith('ERR_SSL_') || e.code?.startsWith('ERR_TLS_'));
  if (tls) return fixed(`TLS handshake with ${host} failed (${tls.code})${via}; is it an https server?`);
  // node:https reports a failed handshake as EPROTO with OpenSSL's reason in the message (the local
  // library's words, not the server's); undici names the same reason ERR_SSL_<REASON>.
  const openssl = chain.map((e) => (e.code === 'EPROTO' ? OPENSSL_REASON.exec(e.message)?.[1] : undefined)).find(Boolean);
  if (openssl) {
    const code = `ERR_SSL_${openssl.toUpperCase().replace(/ /g, '_')}`;
    return fixed(`TLS handshake with ${host} failed (${code})${via}; is it an https server?`);
  }

  const code = chain.find((e) => e.code !== undefined)?.code;
  return fixed(`Could not reach Cloudflare at ${host}${via}${code ? ` (${code})` : ''}.`);
}

function fixed(message: string): NetworkFailure {
  return { message, retryable: false };
}
function retry(message: string): NetworkFailure {
  return { message, retryable: true };
}

function hostOnly(host: string): string {
  return host.replace(/:\d+$/, '');
}

function findProxy(error: unknown): ViaProxyError | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof ViaProxyError) return e;
  }
  return undefined;
}

/** The error, its causes and AggregateError members, breadth first, bounded. */
function flatten(error: unknown): Found[] {
  const out: Found[] = [];
  const queue: unknown[] = [error];
  const seen = new Set<unknown>();
  while (queue.length > 0 && out.length < 32) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    const record = e as { code?: unknown; message?: unknown; hostname?: unknown; cause?: unknown; errors?: unknown };
    out.push({
      ...(typeof record.code === 'string' && { code: record.code }),
      message: typeof record.message === 'string' ? record.message : '',
      ...(typeof record.hostname === 'string' && { hostname: record.hostname }),
    });
    if (record.cause !== undefined) queue.push(record.cause);
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
  return out;
}
