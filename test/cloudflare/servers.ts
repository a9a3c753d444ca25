import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordOutput } from '../support/secret-scan.js';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  url: string;
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A real server on 127.0.0.1:0 (or another loopback address) that records every request. */
export async function startServer(handler: Handler, tls?: { key: string; cert: string }, host = '127.0.0.1'): Promise<TestServer> {
  const requests: Recorded[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    // The suite-wide secret scan reads what every test server was asked (never its headers: the token is meant to be there).
    recordOutput('test server request log', `${req.method ?? ''} ${req.url ?? ''}`);
    handler(req, res, requests.length);
  };
  const server: Server = tls ? createHttpsServer(tls, onRequest) : createServer(onRequest);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function envelope(result: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: true, errors: [], messages: [], result, ...extra };
}

export function failure(code: number, message: string): Record<string, unknown> {
  return { success: false, errors: [{ code, message }], messages: [], result: null };
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface Pki {
  /** Leaf certificate alone: clients see UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  leaf: { key: string; cert: string };
  /** Leaf plus its self-signed CA in the chain: SELF_SIGNED_CERT_IN_CHAIN. */
  chained: { key: string; cert: string };
  /** A self-signed leaf: DEPTH_ZERO_SELF_SIGNED_CERT. */
  selfSigned: { key: string; cert: string };
}

/** Throwaway certificates for 127.0.0.1, made with openssl at test time so no key is committed. */
export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'mastrakit-tls-'));
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  const san = join(dir, 'san.cnf');
  execFileSync('sh', ['-c', `printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > ${JSON.stringify(san)}`]);
  try {
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Test Corp Proxy CA']);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=127.0.0.1']);
    run(['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.crt', '-days', '2', '-extfile', san]);
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self.key', '-out', 'self.crt', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    const leafKey = read('leaf.key');
    return {
      leaf: { key: leafKey, cert: read('leaf.crt') },
      chained: { key: leafKey, cert: read('leaf.crt') + read('ca.crt') },
      selfSigned: { key: read('self.key'), cert: read('self.crt') },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
