import type { HttpFetch, HttpResponse } from '../deps.js';
import { LocalError, MastrakitError, UnreachableError } from '../errors.js';
import { BASE_URL_ENV } from './base-url.js';
import { parseEnvelope, type NotEnvelope } from './envelope.js';
import type { ShapeReader } from './shapes.js';
import { describeNetworkFailure } from './network-failure.js';
import { retryDelayMs } from './retry-delay.js';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, TIMEOUT_ENV, formatSeconds } from './timeout.js';
import type { CfAnswer, CfMethod, CfWriteMethod, CloudflareClient, CloudflareWriter } from './types.js';

export interface ClientOptions {
  /** From resolveBaseUrl: origin plus path, e.g. https://api.cloudflare.com/client/v4. */
  baseUrl: string;
  token: string;
  fetch: HttpFetch;
  sleep(ms: number): Promise<void>;
  /** mastrakit/<version> */
  userAgent: string;
  /** Per request, headers and body together. Default 8000. */
  timeoutMs?: number;
  /** Extra tries after a 429, a 5xx or a dropped connection. Default 2. */
  retries?: number;
  /** The whole run's limit. Aborting it with a MastrakitError (say CancelledError) makes requests throw that error. */
  deadline?: AbortSignal;
  /** For retry-after given as an HTTP date. Default: the system clock. */
  now?(): Date;
}

/** How to reach Cloudflare, resolved once by the command (commands/connection.ts): everything but the token and the run's deadline. */
export type ClientConfig = Pick<ClientOptions, 'baseUrl' | 'fetch' | 'sleep' | 'userAgent'> & { timeoutMs: number };

/**
 * The most of any answer that is read: Cloudflare's largest answer here (a page of 50 accounts) is a few
 * KiB, so anything near this is not Cloudflare's and is not kept in memory.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The most of all the answers one client (one check) reads together. A list's further pages go out at
 * once, and each answer under MAX_BODY_BYTES still parses into tens of MiB of objects: twenty of them
 * padded to just under the cap took 800 MiB and the whole time limit. A real check reads well under 1 MiB.
 */
const MAX_RUN_BYTES = MAX_BODY_BYTES;

type Attempt<T> =
  | { kind: 'answer'; answer: CfAnswer<T> }
  | { kind: 'fatal'; message: string }
  | { kind: 'status'; status: number; retryAfter: string | null }
  | { kind: 'network'; message: string };

const DEFAULT_HOST = 'api.cloudflare.com';

/**
 * A CloudflareClient over an injected fetch. It retries only 429, 5xx and dropped connections, and
 * turns every way of not getting Cloudflare's JSON into an UnreachableError of one sentence.
 * Bodies that are not Cloudflare's are never quoted: a proxy page could echo the request headers.
 */
export function createClient(opts: ClientOptions): CloudflareClient {
  const { send, tries } = core(opts);
  return {
    request: <T>(method: CfMethod, path: string, query?: Record<string, string | number>, read?: ShapeReader<T>) =>
      send<T>(method, path, query, undefined, read, tries),
  } as CloudflareClient;
}

/**
 * The writing half, for `setup --create` only (its token-API calls): a JSON body, and a POST is never
 * retried, since a create that failed to answer may still have happened (a retry could make two tokens).
 */
export function createWriteClient(opts: ClientOptions): CloudflareWriter {
  const { send, tries } = core(opts);
  return {
    write: (method, path, body, read) =>
      send(method, path, undefined, body === undefined ? undefined : JSON.stringify(body), read, method === 'POST' ? 1 : tries),
  };
}

function core(opts: ClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const host = new URL(base).host;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tries = Math.max(0, opts.retries ?? 2) + 1;
  const now = opts.now ?? (() => new Date());
  const deadline = opts.deadline;
  const budget = { left: MAX_RUN_BYTES };
  const longer = Math.min(Math.max(2 * Math.ceil(timeoutMs / 1000), 10), MAX_TIMEOUT_MS / 1000);
  const timeoutMessage =
    `Cloudflare (${host}) did not answer within ${formatSeconds(timeoutMs)}; ` +
    `pass --timeout ${longer} (or set ${TIMEOUT_ENV}=${longer}) to wait longer.`;

  // One listener on the run's deadline for the whole client, not one per request: a deep domain sends a
  // dozen requests at once, and as many listeners on one signal is what Node warns about as a leak.
  const running = new Set<() => void>();
  deadline?.addEventListener(
    'abort',
    () => {
      for (const stop of running) stop();
    },
    { once: true },
  );

  return {
    tries,
    async send<T = unknown>(
      method: CfMethod | CfWriteMethod,
      path: string,
      query: Record<string, string | number> | undefined,
      body: string | undefined,
      read: ShapeReader<T> | undefined,
      allowedTries: number,
    ): Promise<CfAnswer<T>> {
      // A header cannot carry these, and the runtime's complaint would quote the token.
      if (/[\u0000-\u001f\u007f]/.test(opts.token)) {
        throw new LocalError('The token contains a line break or control character; copy it again.');
      }
      const url = buildUrl(base, path, query);
      const statuses: number[] = [];
      for (let attempt = 0; ; attempt++) {
        throwIfPastDeadline(deadline);
        const outcome = await attemptOnce<T>(method, url, body, read);
        if (outcome.kind === 'answer') return outcome.answer;
        if (outcome.kind === 'fatal') throw new UnreachableError(outcome.message);
        if (outcome.kind === 'status') statuses.push(outcome.status);
        if (attempt + 1 >= allowedTries) {
          throw new UnreachableError(
            outcome.kind === 'status' ? statusMessage(statuses, outcome.status) : outcome.message,
          );
        }
        const retryAfter = outcome.kind === 'status' ? outcome.retryAfter : null;
        await sleepUnlessDeadline(retryDelayMs(attempt, retryAfter, now()));
      }
    },
  };

  async function attemptOnce<T>(method: string, url: string, requestBody: string | undefined, read: ShapeReader<T> | undefined): Promise<Attempt<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const stop = (): void => controller.abort();
    running.add(stop);
    // Raced against fetch and the body read, so even a transport that ignores the signal cannot hang us.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const response = await Promise.race([
        opts.fetch(url, {
          method,
          headers: {
            Authorization: `Bearer ${opts.token}`,
            Accept: 'application/json',
            'User-Agent': opts.userAgent,
            ...(requestBody !== undefined && { 'Content-Type': 'application/json' }),
          },
          ...(requestBody !== undefined && { body: requestBody }),
          signal: controller.signal,
        }),
        aborted,
      ]);
      const body = await Promise.race([readCapped(response, budget), aborted]);
      if (body.over) return { kind: 'fatal', message: body.over === 'answer' ? tooBigMessage(response.status) : tooMuchMessage() };
      return classify<T>(response, body.text, read);
    } catch (error) {
      throwIfPastDeadline(deadline);
      // A bad proxy or timeout setting found while building the transport keeps its own message and exit code.
      if (error instanceof MastrakitError) throw error;
      if (timedOut) return { kind: 'fatal', message: timeoutMessage };
      const failure = describeNetworkFailure(error, host, timeoutMessage);
      return failure.retryable
        ? { kind: 'network', message: failure.message }
        : { kind: 'fatal', message: failure.message };
    } finally {
      clearTimeout(timer);
      running.delete(stop);
      // Ends the exchange whatever happened: a body left unread past the cap must not keep flowing.
      controller.abort();
    }
  }

  function classify<T>(response: HttpResponse, body: string, read: ShapeReader<T> | undefined): Attempt<T> {
    const { status } = response;
    if (status === 429 || status >= 500) {
      return { kind: 'status', status, retryAfter: response.headers.get('retry-after') };
    }
    const parsed = parseEnvelope<T>(status, body, response.headers.get('content-type'), { token: opts.token, ...(read && { read }) });
    if (parsed.ok && status >= 200 && status < 500 && !(status >= 300 && status < 400)) {
      return { kind: 'answer', answer: parsed.answer };
    }
    return { kind: 'fatal', message: notCloudflareMessage(status, parsed.ok ? 'json' : parsed.kind) };
  }

  function hintFor(): string {
    return host === DEFAULT_HOST
      ? 'a proxy or captive portal may be in the way (check HTTPS_PROXY)'
      : `check that ${BASE_URL_ENV} points at the Cloudflare API, and HTTPS_PROXY`;
  }

  function tooBigMessage(status: number): string {
    return `${host} answered with more than ${MAX_BODY_BYTES / 1024 / 1024} MiB (HTTP ${status}), not Cloudflare's JSON; ${hintFor()}.`;
  }

  function tooMuchMessage(): string {
    return `${host} answered with more than ${MAX_RUN_BYTES / 1024 / 1024} MiB in all to this check's requests, not Cloudflare's JSON; ${hintFor()}.`;
  }

  function notCloudflareMessage(status: number, kind: NotEnvelope): string {
    const hint = hintFor();
    if (status >= 300 && status < 400) {
      return `${host} answered with a redirect (HTTP ${status}) instead of Cloudflare's JSON; ${hint}.`;
    }
    const what: Record<NotEnvelope, string> = {
      html: "a web page, not Cloudflare's JSON",
      json: "JSON that is not Cloudflare's API envelope",
      text: "plain text, not Cloudflare's JSON",
      empty: "an empty body, not Cloudflare's JSON",
      shape: "JSON with a field of the wrong type, not Cloudflare's JSON",
    };
    return `${host} answered with ${what[kind]} (HTTP ${status}); ${hint}.`;
  }

  async function sleepUnlessDeadline(ms: number): Promise<void> {
    if (!deadline) return opts.sleep(ms);
    let stop: () => void = () => undefined;
    const aborted = new Promise<void>((resolve) => {
      stop = resolve;
    });
    running.add(stop);
    try {
      await Promise.race([opts.sleep(ms), aborted]);
    } finally {
      running.delete(stop);
    }
    throwIfPastDeadline(deadline);
  }
}

/**
 * The body as text, or which cap it passed: MAX_BODY_BYTES (`answer`), or the client's shared budget
 * (`run`: every answer so far, those in flight included). Past the shared budget nothing more is kept,
 * but this answer is still counted up to its own cap, so that one huge answer is named as such whatever
 * the small answers beside it happened to use first (the two caps are equal); reading stops at that cap.
 */
async function readCapped(response: HttpResponse, budget: { left: number }): Promise<{ text: string; over?: never } | { over: 'answer' | 'run' }> {
  if (!response.body) return { text: '' };
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  let runOut = false;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    budget.left -= chunk.byteLength;
    if (size > MAX_BODY_BYTES) return { over: 'answer' };
    if (budget.left < 0) runOut = true;
    if (!runOut) text += decoder.decode(chunk, { stream: true });
  }
  return runOut ? { over: 'run' } : { text: text + decoder.decode() };
}

function buildUrl(base: string, path: string, query?: Record<string, string | number>): string {
  if (!path.startsWith('/') || /[?#]/.test(path)) {
    throw new Error(`Cloudflare API path must start with / and hold no query: ${path}`);
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) search.append(key, String(value));
  const qs = search.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

function throwIfPastDeadline(deadline: AbortSignal | undefined): void {
  if (!deadline?.aborted) return;
  if (deadline.reason instanceof MastrakitError) throw deadline.reason;
  throw new UnreachableError("Stopped waiting for Cloudflare: the run's overall time limit ran out.");
}

function statusMessage(statuses: readonly number[], last: number): string {
  const times = countWord(statuses.length);
  if (last === 429) {
    return `Cloudflare rate limited these requests (HTTP 429, ${times}); wait a minute and try again.`;
  }
  const same = statuses.every((s) => s === last);
  const what = same ? `${last}` : `server errors (${statuses.join(', ')})`;
  return `Cloudflare answered ${what} ${times}; try again in a minute (cloudflarestatus.com shows outages).`;
}

function countWord(n: number): string {
  return ['', 'once', 'twice', 'three times', 'four times', 'five times'][n] ?? `${n} times`;
}
