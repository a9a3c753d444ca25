import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/cloudflare/client.js';
import type { Env } from '../../src/env.js';
import { createTransport } from '../../src/cloudflare/transport.js';
import { lookupLocalhost } from '../../src/cloudflare/direct-transport.js';
import { ExitCode, LocalError, MastrakitError, UnreachableError } from '../../src/errors.js';
import { startProxy } from './proxy-server.js';
import { closedPort, envelope, hasOpenssl, json, makePki, startServer, type Pki } from './servers.js';

const TOKEN = 'cfut_Zq8vN2mX4kP7rT1yW9bC3dF6gH0jL5sA8eQ2uI4o1a2b3c4d';
const CA_SENTENCE = 'If you are behind a corporate proxy, point NODE_EXTRA_CA_CERTS at its CA certificate.';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const done of cleanups.splice(0)) await done();
});

function clientFor(baseUrl: string, env: Env = {}) {
  const sleeps: number[] = [];
  const client = createClient({
    baseUrl,
    token: TOKEN,
    fetch: createTransport(env),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    userAgent: 'mastrakit/test',
  });
  return { client, sleeps };
}

async function failureOf(p: Promise<unknown>): Promise<MastrakitError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MastrakitError);
  const { message } = error as MastrakitError;
  expect(message).not.toContain(TOKEN);
  expect(message).not.toContain('s3cret');
  expect(message).not.toContain('\n');
  return error as MastrakitError;
}

describe.skipIf(!hasOpenssl())('TLS failures', () => {
  let pki: Pki;
  beforeAll(() => {
    pki = makePki();
  });

  it.each([
    ['a self-signed certificate', 'selfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a chain ending in an unknown root', 'chained', 'SELF_SIGNED_CERT_IN_CHAIN'],
    ['a leaf without its issuer', 'leaf', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ] as const)('%s names NODE_EXTRA_CA_CERTS and is not retried', async (_name, which, code) => {
    const s = await startServer((_req, res) => json(res, 200, envelope({})), pki[which]);
    cleanups.push(s.close);
    const { client, sleeps } = clientFor(`${s.url}/client/v4`);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.message).toBe(`TLS certificate of 127.0.0.1:${s.port} is not trusted (${code}). ${CA_SENTENCE}`);
    expect(sleeps).toEqual([]);
    expect(s.requests).toHaveLength(0);
  });

  it('through a proxy that intercepts TLS, names the proxy as well', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({})), pki.chained);
    const proxy = await startProxy(s.port);
    cleanups.push(s.close, proxy.close);
    const { client } = clientFor('https://api.cloudflare.com/client/v4', { HTTPS_PROXY: proxy.url });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(proxy.tunnels.map((t) => t.target)).toEqual(['api.cloudflare.com:443']);
    expect(error.message).toBe(
      `TLS certificate of api.cloudflare.com is not trusted (SELF_SIGNED_CERT_IN_CHAIN) through the proxy 127.0.0.1:${proxy.port} (from HTTPS_PROXY). ${CA_SENTENCE}`,
    );
  });

  it('speaking https to a plain http server', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({})));
    cleanups.push(s.close);
    const { client } = clientFor(`https://127.0.0.1:${s.port}/client/v4`);
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(new RegExp(`^TLS handshake with 127\\.0\\.0\\.1:${s.port} failed \\(ERR_SSL_[A-Z_]+\\); is it an https server\\?$`));
  });
});

describe('proxies from the environment', () => {
  it('a proxy that refuses connections is named, without its credentials', async () => {
    const port = await closedPort();
    const { client, sleeps } = clientFor('https://api.cloudflare.com/client/v4', { HTTPS_PROXY: `http://me:s3cret@127.0.0.1:${port}` });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.message).toBe(`Could not reach the proxy 127.0.0.1:${port} (from HTTPS_PROXY): connection refused.`);
    expect(sleeps).toHaveLength(2);
  });

  it('requests go through the proxy, token and proxy credentials intact', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({ id: 't1', status: 'active' })));
    const expected = `Basic ${Buffer.from('me:s3cret').toString('base64')}`;
    const proxy = await startProxy(s.port, expected);
    cleanups.push(s.close, proxy.close);
    const { client } = clientFor('http://cf.example.test/client/v4', { http_proxy: `http://me:s3cret@127.0.0.1:${proxy.port}` });
    const answer = await client.request('GET', '/user/tokens/verify');
    expect(answer.result).toEqual({ id: 't1', status: 'active' });
    expect(proxy.tunnels).toEqual([{ target: 'cf.example.test:80', auth: expected }]);
    expect(s.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(s.requests[0]?.headers.host).toBe('cf.example.test');
  });

  it('a proxy asking for credentials (407) says so and is not retried', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({})));
    const proxy = await startProxy(s.port, 'Basic nope');
    cleanups.push(s.close, proxy.close);
    const { client, sleeps } = clientFor('https://api.cloudflare.com/client/v4', { HTTPS_PROXY: proxy.url });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toBe(
      `The proxy 127.0.0.1:${proxy.port} (from HTTPS_PROXY) asks for credentials (HTTP 407); put them in HTTPS_PROXY as http://user:password@host:port.`,
    );
    expect(sleeps).toEqual([]);
  });

  it('NO_PROXY sends a host direct', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({})));
    const proxy = await startProxy(s.port);
    cleanups.push(s.close, proxy.close);
    const { client } = clientFor('https://api.cloudflare.invalid/client/v4', { HTTPS_PROXY: proxy.url, NO_PROXY: '.invalid' });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error.message).toMatch(/no DNS address for api\.cloudflare\.invalid/);
    expect(proxy.tunnels).toEqual([]);
  });

  it('loopback never goes through the proxy', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({ ok: true })));
    cleanups.push(s.close);
    const dead = await closedPort();
    const { client } = clientFor(`${s.url}/client/v4`, { HTTP_PROXY: `http://127.0.0.1:${dead}`, HTTPS_PROXY: `http://127.0.0.1:${dead}` });
    expect((await client.request('GET', '/user/tokens/verify')).result).toEqual({ ok: true });
  });

  it('process.env proxies are ignored: only the env handed in counts', async () => {
    const s = await startServer((_req, res) => json(res, 200, envelope({ ok: true })));
    const proxy = await startProxy(s.port);
    cleanups.push(s.close, proxy.close);
    const saved = process.env.http_proxy;
    process.env.http_proxy = proxy.url;
    try {
      const error = await failureOf(clientFor('http://cf.example.invalid/client/v4').client.request('GET', '/x'));
      expect(error.message).toMatch(/no DNS address for cf\.example\.invalid/);
      expect(proxy.tunnels).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.http_proxy;
      else process.env.http_proxy = saved;
    }
  });
});

describe('DNS', () => {
  it('localhost is never asked of DNS: it is pinned to 127.0.0.1, for both ways Node asks', async () => {
    const one = await new Promise((done) => lookupLocalhost('localhost', {}, (_e, address, family) => done([address, family])));
    expect(one).toEqual(['127.0.0.1', 4]);
    const all = await new Promise((done) => lookupLocalhost('localhost', { all: true }, (_e, address) => done(address)));
    expect(all).toEqual([{ address: '127.0.0.1', family: 4 }]);
    // And a request to http://localhost reaches the server on 127.0.0.1 through it.
    const s = await startServer((_req, res) => json(res, 200, envelope({ id: 'x', status: 'active' })));
    cleanups.push(s.close);
    const { client } = clientFor(`http://localhost:${s.port}/client/v4`);
    expect((await client.request('GET', '/user/tokens/verify')).status).toBe(200);
  });

  it('a host that does not exist fails fast, naming it, without retries', async () => {
    const { client, sleeps } = clientFor('https://api.cloudflare.invalid/client/v4');
    const started = Date.now();
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.exitCode).toBe(ExitCode.unreachable);
    expect(error.message).toBe(
      'Could not reach Cloudflare: no DNS address for api.cloudflare.invalid (ENOTFOUND); check your network connection.',
    );
    expect(sleeps).toEqual([]);
  });
});

describe('settings errors', () => {
  it('a malformed proxy URL throws LocalError from createTransport', () => {
    expect(() => createTransport({ HTTPS_PROXY: 'ftp://me:s3cret@p' })).toThrow(LocalError);
  });
  it('a settings error raised inside fetch keeps its exit code through the client', async () => {
    const client = createClient({
      baseUrl: 'https://api.cloudflare.com/client/v4',
      token: TOKEN,
      fetch: async () => createTransport({ HTTPS_PROXY: 'ftp://p' })('https://x', { method: 'GET', headers: {}, signal: new AbortController().signal }),
      sleep: async () => undefined,
      userAgent: 'mastrakit/test',
    });
    const error = await failureOf(client.request('GET', '/user/tokens/verify'));
    expect(error).toBeInstanceOf(LocalError);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe('HTTPS_PROXY is not a proxy URL; expected something like http://proxy.example:8080.');
  });
});
