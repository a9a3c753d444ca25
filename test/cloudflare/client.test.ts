import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ClientOptions } from '../../src/cloudflare/client.js';
import { createTransport } from '../../src/cloudflare/transport.js';
import { CancelledError, ExitCode, MastrakitError, UnreachableError } from '../../src/errors.js';
import { closedPort, envelope, failure, json, startServer, type Handler, type TestServer } from './servers.js';

const TOKEN = 'cfut_Zq8vN2mX4kP7rT1yW9bC3dF6gH0jL5sA8eQ2uI4o1a2b3c4d';
const USER_AGENT = 'mastrakit/9.9.9-test';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client over the real undici transport, with sleeps recorded instead of waited. */
function clientFor(base: string, options: Partial<ClientOptions> = {}) {
  const sleeps: number[] = [];
  const client = createClient({
    baseUrl: `${base}/client/v4`,
    token: TOKEN,
    fetch: createTransport({}),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    userAgent: USER_AGENT,
    ...options,
  });
  return { client, sleeps };
}

async function serve(handler: Handler): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

/** The error a request ends in, checked for the rules every message obeys. */
async function failureOf(p: Promise<unknown>): Promise<MastrakitError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MastrakitError);
  const { message } = error as MastrakitError;
  expect(message).not.toContain(TOKEN);
  expect(message).not.toContain(TOKEN.slice(-8));
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/\bat .*\.(js|ts):\d+/);
  return error as MastrakitError;
}

describe('requests', () => {
  it('sends the token as a bearer header, never in the URL, with Accept and User-Agent', async () => {
    const s = await serve((_req, res) => json(res, 200, envelope({ id: 't1', status: 'active' })));
    const { client } = clientFor(s.url);
    const answer = await client.request('GET', '/user/tokens/verify');
    expect(answer).toEqual({ status: 200, success: true, errors: [], messages: [], result: { id: 't1', status: 'active' } });
    const [req] = s.requests;
    expect(req?.method).toBe('GET');
    expect(req?.url).toBe('/client/v4/user/tokens/verify');
    expect(req?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers['user-agent']).toBe(USER_AGENT);
  });

  it('encodes query values', async () => {
    const s = await serve((_req, res) => json(res, 200, envelope([])));
    const { client } = clientFor(s.url);
    await client.request('GET', '/zones', { name: 'a b&c=d.example', per_page: 5 });
    expect(s.requests[0]?.url).toBe('/client/v4/zones?name=a+b%26c%3Dd.example&per_page=5');
    expect(new URL(s.requests[0]?.url ?? '', s.url).searchParams.get('name')).toBe('a b&c=d.example');
  });

  it('sends DELETE', async () => {
    const s = await serve((_req, res) => json(res, 404, failure(10007, 'workers.api.error.script_not_found')));
    const { client } = clientFor(s.url);
    const answer = await client.request('DELETE', '/accounts/a1/workers/scripts/nope');
    expect(s.requests[0]?.method).toBe('DELETE');
    expect(answer).toMatchObject({ status: 404, success: false, errors: [{ code: 10007 }] });
  });

  it('refuses a token that cannot go in a header, without quoting it', async () => {
    const { client } = clientFor('http://127.0.0.1:1', { token: `${TOKEN}\nX-Evil: 1` });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.exitCode).toBe(ExitCode.usage);
  });
});

describe('retries', () => {
  it('retries a 429, honouring retry-after seconds, then answers', async () => {
    const s = await serve((_req, res, n) => {
      if (n === 1) json(res, 429, failure(10000, 'Rate limited'), { 'retry-after': '2' });
      else json(res, 200, envelope({ ok: 1 }));
    });
    const { client, sleeps } = clientFor(s.url);
    const answer = await client.request('GET', '/accounts');
    expect(answer.success).toBe(true);
    expect(s.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });

  it('caps a long retry-after and reports rate limiting after the last try', async () => {
    const s = await serve((_req, res) => json(res, 429, failure(10000, 'Rate limited'), { 'retry-after': '600' }));
    const { client, sleeps } = clientFor(s.url);
    const error = await failureOf(client.request('GET', '/accounts'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.message).toMatch(/rate limited .*429.*three times/);
    expect(s.requests).toHaveLength(3);
    expect(sleeps).toEqual([5000, 5000]);
  });

  it('retries 5xx with short backoff and gives up after three tries (exit 3)', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html>Service unavailable</html>');
    });
    const { client, sleeps } = clientFor(s.url);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.exitCode).toBe(ExitCode.unreachable);
    expect(error.message).toBe('Cloudflare answered 503 three times; try again in a minute (cloudflarestatus.com shows outages).');
    expect(s.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 750]);
  });

  it('names each status when the 5xx differ, and honours retries', async () => {
    const s = await serve((_req, res, n) => json(res, n === 1 ? 502 : 500, {}));
    const { client } = clientFor(s.url, { retries: 1 });
    const error = await failureOf(client.request('GET', '/accounts'));
    expect(error.message).toMatch(/^Cloudflare answered server errors \(502, 500\) twice;/);
    expect(s.requests).toHaveLength(2);
  });

  it.each([401, 403, 400, 404, 405])('does not retry %i', async (status) => {
    const s = await serve((_req, res) => json(res, status, failure(1000, 'Invalid API Token')));
    const { client, sleeps } = clientFor(s.url);
    const answer = await client.request('GET', '/user/tokens/verify');
    expect(answer).toMatchObject({ status, success: false, errors: [{ code: 1000, message: 'Invalid API Token' }] });
    expect(s.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('could not ask Cloudflare', () => {
  it('connection refused: retried, then one sentence naming the host', async () => {
    const port = await closedPort();
    const { client, sleeps } = clientFor(`http://127.0.0.1:${port}`);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.message).toBe(`Could not reach Cloudflare at 127.0.0.1:${port}: connection refused.`);
    expect(sleeps).toHaveLength(2);
  });

  it('connection reset in the middle of the body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"success":true,"errors":[],');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { client, sleeps } = clientFor(s.url);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(new RegExp(`^Could not reach Cloudflare at 127\\.0\\.0\\.1:${s.port}: the connection closed before the answer was complete\\.$`));
    expect(s.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('headers that never come: a timeout naming the setting, not retried', async () => {
    const s = await serve(() => undefined);
    const { client } = clientFor(s.url, { timeoutMs: 200 });
    const started = Date.now();
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.message).toBe(
      `Cloudflare (127.0.0.1:${s.port}) did not answer within 0.2 seconds; pass --timeout 10 (or set MASTRAKIT_HTTP_TIMEOUT=10) to wait longer.`,
    );
    expect(s.requests).toHaveLength(1);
  });

  it('a body that stalls is a timeout too', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"success":');
    });
    const { client } = clientFor(s.url, { timeoutMs: 200 });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(/did not answer within 0\.2 seconds/);
  });

  it('a transport that ignores the abort signal still times out', async () => {
    const client = createClient({
      baseUrl: 'https://api.cloudflare.com/client/v4',
      token: TOKEN,
      fetch: () => new Promise(() => undefined),
      sleep: async () => undefined,
      userAgent: USER_AGENT,
      timeoutMs: 50,
    });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(/^Cloudflare \(api\.cloudflare\.com\) did not answer within 0\.05 seconds/);
  });

  it('a 200 HTML page (captive portal) is not taken for an answer', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html><body>Sign in to the hotel Wi-Fi. Your header was Bearer ${TOKEN}</body></html>`);
    });
    const { client } = clientFor(s.url);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(/answered with a web page, not Cloudflare's JSON \(HTTP 200\)/);
    expect(error.message).toMatch(/HTTPS_PROXY/);
    expect(s.requests).toHaveLength(1);
  });

  it('JSON that is not the envelope', async () => {
    const s = await serve((_req, res) => json(res, 200, { status: 'ok', items: [] }));
    const { client } = clientFor(s.url);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toBe(
      `127.0.0.1:${s.port} answered with JSON that is not Cloudflare's API envelope (HTTP 200); check that CLOUDFLARE_API_BASE_URL points at the Cloudflare API, and HTTPS_PROXY.`,
    );
  });

  it('a 404 page from a wrong base path', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
    });
    const { client } = clientFor(s.url);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(/answered with plain text, not Cloudflare's JSON \(HTTP 404\)/);
  });

  it('a redirect is not followed, so the token goes nowhere else', async () => {
    const other = await startServer((_req, res) => json(res, 200, envelope({})));
    try {
      const s = await serve((_req, res) => {
        res.writeHead(302, { location: `${other.url}/steal` });
        res.end();
      });
      const { client } = clientFor(s.url);
      const error = await failureOf(client.request('GET', '/user/tokens/verify'));
      expect(error.message).toMatch(/answered with a redirect \(HTTP 302\)/);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe('deadline', () => {
  it('stops a request in flight with the reason it was aborted with', async () => {
    const s = await serve(() => undefined);
    const deadline = new AbortController();
    const { client } = clientFor(s.url, { deadline: deadline.signal });
    setTimeout(() => deadline.abort(new CancelledError()), 50);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error).toBeInstanceOf(CancelledError);
  });

  it('turns any other reason into an UnreachableError and stops retrying', async () => {
    const s = await serve((_req, res) => json(res, 503, {}));
    const deadline = new AbortController();
    const client = createClient({
      baseUrl: `${s.url}/client/v4`,
      token: TOKEN,
      fetch: createTransport({}),
      // The whole-run limit runs out while waiting to retry.
      sleep: async () => deadline.abort(),
      userAgent: USER_AGENT,
      deadline: deadline.signal,
    });
    const error = await failureOf(client.request('GET', '/accounts'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.message).toMatch(/overall time limit/);
    expect(s.requests).toHaveLength(1);
  });
});
