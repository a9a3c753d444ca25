import type { Fault, FaultAction } from './model.js';

/** Faults waiting for requests: the first one matching a request is used and counts down its `times`. */
export class FaultBook {
  private readonly entries: { fault: Fault; left: number }[] = [];

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault times must be positive, got ${times}`);
    this.entries.push({ fault, left: times });
  }

  clear(): void {
    this.entries.length = 0;
  }

  take(method: string, pathWithQuery: string): FaultAction | null {
    const index = this.entries.findIndex(
      ({ fault }) =>
        (fault.kind !== 'auth-flake' || (fault.path === undefined ? isProbeRequest(pathWithQuery) : !isVerifyRequest(pathWithQuery))) &&
        (fault.path === undefined || pathWithQuery.includes(fault.path)) &&
        (fault.method === undefined || fault.method.toUpperCase() === method),
    );
    const entry = this.entries[index];
    if (!entry) return null;
    entry.left -= 1;
    if (entry.left <= 0) this.entries.splice(index, 1);
    return entry.fault;
  }
}

/** Token verification: never flaked (a refused verify is read as an invalid token, on evidence of its own). */
function isVerifyRequest(pathWithQuery: string): boolean {
  return (pathWithQuery.split('?')[0] ?? '').endsWith('/tokens/verify');
}

/** A request below an account or a zone (`/accounts/{a}/members`, `/zones/{z}/dns_records/{id}`), not token verification. */
function isProbeRequest(pathWithQuery: string): boolean {
  const path = pathWithQuery.split('?')[0] ?? '';
  return /\/(accounts|zones)\/[^/]+\/.+/.test(path) && !path.endsWith('/tokens/verify');
}

/** What a plain fault sends instead of the API's answer. */
interface CannedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function html(title: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>cloudflare</p></body></html>\n`;
}

/** Answers of the faults that stand in front of the API (an edge error, a rate limit, a captive portal). */
export function cannedAnswer(fault: FaultAction): CannedAnswer | null {
  switch (fault.kind) {
    case 'status': {
      if (fault.status === 429) {
        const retryAfter = String(fault.retryAfter ?? 1);
        return {
          status: 429,
          headers: {
            'content-type': 'application/json',
            'retry-after': retryAfter,
            'x-ratelimit-limit': '1200',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': retryAfter,
          },
          body: JSON.stringify({
            success: false,
            errors: [{ code: 971, message: 'Please wait and consider throttling your request speed' }],
            messages: [],
            result: null,
          }),
        };
      }
      // 502 and 503 come from the edge as an HTML page unless asked otherwise; 500 from the API as JSON.
      const asHtml = (fault.body ?? (fault.status === 500 ? 'json' : 'html')) === 'html';
      return asHtml
        ? { status: fault.status, headers: { 'content-type': 'text/html' }, body: html(`${fault.status} Server Error`) }
        : {
            status: fault.status,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              success: false,
              errors: [{ code: 10001, message: 'Internal server error' }],
              messages: [],
              result: null,
            }),
          };
    }
    case 'auth-flake':
      return {
        status: 401,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }),
      };
    case 'html':
      return { status: 200, headers: { 'content-type': 'text/html' }, body: html('Sign in to the network') };
    case 'cf-error':
      return {
        status: fault.status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ success: false, errors: [{ code: fault.code, message: fault.message }], messages: [], result: null }),
      };
    case 'not-envelope':
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"hello":"world"}' };
    default:
      return null;
  }
}
