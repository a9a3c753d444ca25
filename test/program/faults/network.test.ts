import { createServer as createHttpServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTlsServer } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn, type Fault, type StandIn } from '../../../src/stand-in/index.js';
import { project, runBin, type BinResult } from '../../support/bin.js';
import { closedPort, hasOpenssl, makePki, startServer, type Pki } from '../../cloudflare/servers.js';

// Faults through the built bin, each with its exit code and one sentence on stderr: no stack trace,
// nothing on stdout, no token anywhere. (5xx every try, an HTML page, a closed port and 429 then success
// are in test/program/bin/doctor.test.ts; the client-level cases in test/cloudflare.)

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const CA_SENTENCE = 'If you are behind a corporate proxy, point NODE_EXTRA_CA_CERTS at its CA certificate.';
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

function projectWithToken(): string {
  return project({
    'mastrakit.config.json': JSON.stringify({ slug: 'acme' }),
    '.env.dev-secrets': `CLOUDFLARE_API_TOKEN=${TOKEN}\nCF_ACCOUNT_ID=${sample.account.id}\n`,
  });
}

/** A stand-in of its own, so faults never leak into a concurrent case. */
async function standInWith(fault?: Fault): Promise<StandIn> {
  const standIn = await startStandIn({ world: sample.world });
  cleanups.push(() => standIn.close());
  if (fault) standIn.fault(fault);
  return standIn;
}

async function doctor(env: Record<string, string>, args: string[] = []): Promise<BinResult> {
  return runBin(['doctor', '--key', 'CLOUDFLARE_API_TOKEN', ...args], { cwd: projectWithToken(), env });
}

/** The contract of every fault: the code, exactly one `✖` sentence, nothing else anywhere. */
function expectOneSentence(result: BinResult, code: number, sentence: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^✖ \S.*[.?]$/);
  expect(lines[0]).toMatch(sentence);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|TypeError|undici/);
  expect(result.stderr).not.toContain(TOKEN);
}

describe('faults from the API, through the built bin (exit 3)', () => {
  it.concurrent.each<[string, Fault, string[], Record<string, string>, RegExp]>([
    [
      'the connection reset mid-body, every try',
      { kind: 'reset-mid-body', path: '/user/tokens/verify', times: Infinity },
      [],
      {},
      /^✖ Could not reach Cloudflare at 127\.0\.0\.1:\d+: the connection (closed before the answer was complete|was reset \(ECONNRESET\))\.$/,
    ],
    [
      'headers that never come (--timeout 1)',
      { kind: 'hang-headers', path: '/user/tokens/verify', times: Infinity },
      ['--timeout', '1'],
      {},
      /^✖ Cloudflare \(127\.0\.0\.1:\d+\) did not answer within 1 second; pass --timeout 10 \(or set MASTRAKIT_HTTP_TIMEOUT=10\) to wait longer\.$/,
    ],
    [
      'a body that stalls (MASTRAKIT_HTTP_TIMEOUT=1)',
      { kind: 'stall-body', path: '/user/tokens/verify', times: Infinity },
      [],
      { MASTRAKIT_HTTP_TIMEOUT: '1' },
      /did not answer within 1 second; pass --timeout 10/,
    ],
    [
      'a 200 with JSON that is not the envelope',
      { kind: 'not-envelope', path: '/user/tokens/verify' },
      [],
      {},
      /^✖ 127\.0\.0\.1:\d+ answered with JSON that is not Cloudflare's API envelope \(HTTP 200\); check that CLOUDFLARE_API_BASE_URL points at the Cloudflare API, and HTTPS_PROXY\.$/,
    ],
    [
      '429 on every try',
      { kind: 'status', status: 429, retryAfter: 0, path: '/user/tokens/verify', times: Infinity },
      [],
      {},
      /^✖ Cloudflare rate limited these requests \(HTTP 429, three times\); wait a minute and try again\.$/,
    ],
    [
      '500 with a JSON body on every try',
      { kind: 'status', status: 500, path: '/user/tokens/verify', times: Infinity },
      [],
      {},
      /^✖ Cloudflare answered 500 three times; try again in a minute/,
    ],
  ])('%s', async (_name, fault, args, env, sentence) => {
    const standIn = await standInWith(fault);
    const started = performance.now();
    const result = await doctor({ CLOUDFLARE_API_BASE_URL: standIn.baseUrl, ...env }, ['--no-domain', ...args]);
    expectOneSentence(result, 3, sentence);
    // Timeouts are not retried: one per request, not three.
    if (fault.kind === 'hang-headers' || fault.kind === 'stall-body') expect(performance.now() - started).toBeLessThan(6_000);
    expect(standIn.writes).toEqual([]);
  });
});

describe('faults on the way (exit 3)', () => {
  it.concurrent('a host name that does not resolve', async () => {
    const result = await doctor({ CLOUDFLARE_API_BASE_URL: 'https://api.mastrakit.invalid/client/v4' }, ['--no-domain']);
    // Without any DNS server the resolver says EAI_AGAIN instead; both are one sentence naming the host.
    expectOneSentence(
      result,
      3,
      /^✖ Could not reach Cloudflare: (no DNS address for api\.mastrakit\.invalid \(ENOTFOUND\); check your network connection|DNS lookup for api\.mastrakit\.invalid failed \(EAI_AGAIN\); check your network)\.$/,
    );
  });

  it.concurrent('HTTPS_PROXY pointing at a closed port', async () => {
    const port = await closedPort();
    // No CLOUDFLARE_API_BASE_URL: the real api.cloudflare.com, which only the proxy could reach.
    const result = await doctor({ HTTPS_PROXY: `http://127.0.0.1:${port}` }, ['--no-domain']);
    expectOneSentence(result, 3, new RegExp(`^✖ Could not reach the proxy 127\\.0\\.0\\.1:${port} \\(from HTTPS_PROXY\\): connection refused\\.$`));
  });

  it.concurrent('HTTPS_PROXY that refuses to connect (HTTP 403)', async () => {
    const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (_req, socket: Socket) => {
      socket.on('error', () => undefined); // the client hangs up first
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => proxy.close(() => done())));
    const { port } = proxy.address() as AddressInfo;
    const result = await doctor({ https_proxy: `127.0.0.1:${port}` }, ['--no-domain']);
    expectOneSentence(
      result,
      3,
      new RegExp(`^✖ The proxy 127\\.0\\.0\\.1:${port} \\(from https_proxy\\) would not connect to api\\.cloudflare\\.com \\(HTTP 403\\)\\.$`),
    );
  });
});

describe.skipIf(!hasOpenssl())('TLS (exit 3 with the NODE_EXTRA_CA_CERTS sentence)', () => {
  let pki: Pki;
  let caFile: string;
  let dir: string;
  beforeAll(() => {
    pki = makePki();
    dir = mkdtempSync(join(tmpdir(), 'mastrakit-ca-'));
    caFile = join(dir, 'ca.crt');
    // The chained certificate is the leaf, then its CA: the CA is the second PEM block.
    const ca = pki.chained.cert.slice(pki.chained.cert.indexOf('-----BEGIN CERTIFICATE-----', 1));
    writeFileSync(caFile, ca);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  });

  it.concurrent.each([
    ['a self-signed certificate', 'selfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a certificate from an unknown CA', 'chained', 'SELF_SIGNED_CERT_IN_CHAIN'],
  ] as const)('%s', async (_name, which, code) => {
    const server = await startServer((_req, res) => res.end('{}'), pki[which]);
    cleanups.push(() => server.close());
    const result = await doctor({ CLOUDFLARE_API_BASE_URL: `${server.url}/client/v4` }, ['--no-domain']);
    expectOneSentence(result, 3, new RegExp(`^✖ TLS certificate of 127\\.0\\.0\\.1:${server.port} is not trusted \\(${code}\\)\\. ${CA_SENTENCE.replace(/\./g, '\\.')}$`));
    expect(server.requests).toEqual([]);
  });

  it.concurrent('…and NODE_EXTRA_CA_CERTS naming that CA makes the same setup pass', async () => {
    // A TLS terminator with the CA-signed certificate in front of the stand-in.
    const standIn = await standInWith();
    const front = createTlsServer(pki.chained, (client) => {
      const upstream = connect(standIn.port, '127.0.0.1');
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((done) => front.listen(0, '127.0.0.1', done));
    cleanups.push(() => new Promise<void>((done) => front.close(() => done())));
    const { port } = front.address() as AddressInfo;
    const result = await doctor({ CLOUDFLARE_API_BASE_URL: `https://127.0.0.1:${port}/client/v4`, NODE_EXTRA_CA_CERTS: caFile }, ['--no-domain']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('✔ CLOUDFLARE_API_TOKEN is ready to deploy.');
    expect(readFileSync(caFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(readdirSync(dir)).toEqual(['ca.crt']);
  });
});
