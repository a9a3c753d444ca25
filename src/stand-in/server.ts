import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { ADMIN_PREFIX, handleAdmin, type AdminControls } from './admin.js';
import { readCredential } from './auth.js';
import { answers } from './envelope.js';
import { cannedAnswer, FaultBook } from './faults.js';
import { HEX32, WELL_FORMED_TOKEN } from './ids.js';
import type { Fault, FaultAction, PermissionName, RequestRecord, StandInToken, StandInWorld } from './model.js';
import { grantPermission, revokePermission } from './permissions.js';
import { handleApi } from './routes.js';
import { sampleWorld } from './samples.js';

export const API_PREFIX = '/client/v4';

export interface StandInOptions {
  /** The accounts, zones, tokens and objects to serve; copied, never changed. Default: the sample world. */
  world?: StandInWorld;
  /** Default 0: a free port. */
  port?: number;
  latencyMs?: number;
  now?: () => Date;
  /** Called once per API request when its exchange ends (answered, reset, or abandoned). */
  onRequest?: (record: RequestRecord) => void;
  /** Requests a token created through `POST /user/tokens` is refused on before it works (propagation). Default 0. */
  propagationRefusals?: number;
}

export type TokenPatch = Partial<Omit<StandInToken, 'value' | 'id'>>;

export interface StandIn {
  /** `http://127.0.0.1:<port>/client/v4`, for CLOUDFLARE_API_BASE_URL. */
  baseUrl: string;
  /** `http://127.0.0.1:<port>/__stand-in`. */
  adminUrl: string;
  port: number;
  /** The live world: DELETEs of existing objects remove them here. */
  world: StandInWorld;
  requests: RequestRecord[];
  writes: RequestRecord[];
  /** TCP connections accepted so far (API and admin): how well a client reuses its keep-alive sockets. */
  connections(): number;
  /** Every token made through `POST /user/tokens`, deleted ones included (for tests' secret scans). */
  created: { id: string; value: string }[];
  close(): Promise<void>;
  /** Like a user editing the token in the dashboard: the same value keeps working with the new permissions. */
  grant(tokenIdOrValue: string, permission: PermissionName, scope?: string): void;
  revoke(tokenIdOrValue: string, permission: PermissionName): void;
  updateToken(tokenIdOrValue: string, patch: TokenPatch): void;
  addToken(token: StandInToken): void;
  setLatency(ms: number): void;
  fault(fault: Fault): void;
  clearFaults(): void;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function callerIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** The path as logged: a token that a careless client put in the URL is masked, never stored. */
function redact(path: string, secrets: readonly string[]): string {
  return secrets.reduce((p, secret) => (secret ? p.split(secret).join('[redacted]') : p), path);
}

function refuseMalformedToken(world: StandInWorld, token: StandInToken): void {
  if (!WELL_FORMED_TOKEN.test(token.value)) throw new Error(`token ${token.id}: value is not a well-formed Cloudflare token`);
  if (!HEX32.test(token.id)) throw new Error(`token id ${token.id} is not 32 hex`);
  if (world.tokens.some((t) => t.id === token.id || t.value === token.value)) throw new Error(`token ${token.id} already exists`);
  if (token.kind === 'account' && !token.ownerAccountId) throw new Error(`account token ${token.id} needs ownerAccountId`);
}

/** Starts the Cloudflare stand-in on 127.0.0.1. */
export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const source = options.world ?? sampleWorld().world;
  const world: StandInWorld = structuredClone({ ...source, tokens: [] });
  for (const token of source.tokens) {
    refuseMalformedToken(world, token);
    world.tokens.push(structuredClone(token));
  }
  const now = options.now ?? (() => new Date());
  const requests: RequestRecord[] = [];
  const writes: RequestRecord[] = [];
  const created: { id: string; value: string }[] = [];
  const faults = new FaultBook();
  const closing = new AbortController();
  // Every request waiting out the latency listens here, and a bench round sends more than ten at once:
  // the listeners are expected, one per waiting request, and all go when close() aborts.
  setMaxListeners(0, closing.signal);
  let latencyMs = options.latencyMs ?? 0;

  const tokenByIdOrValue = (key: string): StandInToken => {
    const token = world.tokens.find((t) => t.id === key || t.value === key);
    if (!token) throw new Error('no such token in the stand-in');
    return token;
  };

  const controls: AdminControls = {
    world,
    requests,
    writes,
    now,
    grant: (key, permission, scope) => grantPermission(tokenByIdOrValue(key), permission, scope),
    revoke: (key, permission) => revokePermission(tokenByIdOrValue(key), permission),
    updateToken: (key, patch) => {
      const token = tokenByIdOrValue(key);
      Object.assign(token, structuredClone(patch), { id: token.id, value: token.value });
    },
    setLatency: (ms) => {
      if (!(ms >= 0)) throw new Error(`latency must be a number of ms, got ${ms}`);
      latencyMs = ms;
    },
    fault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
  };

  const markWrite = (record: RequestRecord): void => {
    if (record.write) return;
    record.write = true;
    writes.push(record);
  };

  async function serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const authorization = req.headers.authorization;
    const credential = readCredential(authorization);
    const record: RequestRecord = {
      method,
      path: redact(rawUrl, [...world.tokens.map((t) => t.value), credential.kind === 'bearer' ? credential.value : '']),
      status: null,
      ms: null,
      tokenId: (credential.kind === 'bearer' && world.tokens.find((t) => t.value === credential.value)?.id) || null,
      write: false,
    };
    requests.push(record);
    if (WRITE_METHODS.has(method)) markWrite(record);
    res.on('close', () => {
      record.ms = Math.round(performance.now() - started);
      record.status = res.headersSent ? res.statusCode : null;
      options.onRequest?.(record);
    });
    const requestBody = readBody(req);
    requestBody.catch(() => undefined);

    if (latencyMs > 0) await delay(latencyMs, undefined, { signal: closing.signal });
    const fault = faults.take(method, rawUrl);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'slow') await delay(fault.ms, undefined, { signal: closing.signal });
    if (fault && sendFault(req, res, fault)) return;

    const url = new URL(rawUrl, 'http://127.0.0.1');
    const answer = url.pathname.startsWith(`${API_PREFIX}/`)
      ? handleApi(world, {
          method,
          path: url.pathname.slice(API_PREFIX.length),
          query: url.searchParams,
          authorization,
          ip: callerIp(req),
          now: now(),
          body: await requestBody,
          propagationRefusals: options.propagationRefusals ?? 0,
        })
      : answers.noRoute(url.pathname);
    if (answer.write) markWrite(record);
    const made = method === 'POST' && answer.status === 200 ? (answer.body.result as { id?: unknown; value?: unknown } | null) : null;
    if (typeof made?.id === 'string' && typeof made.value === 'string') created.push({ id: made.id, value: made.value });
    const body = JSON.stringify(answer.body);
    if (fault?.kind === 'stall-body' || fault?.kind === 'reset-mid-body') {
      // The origin answered; the connection fails while the body travels.
      res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      if (fault.kind === 'stall-body') res.flushHeaders();
      else res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    sendJson(res, answer.status, answer.body);
  }

  /** Sends what a fault in front of the API sends; false when the API should answer after all. */
  function sendFault(req: IncomingMessage, res: ServerResponse, fault: FaultAction): boolean {
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return true;
    }
    if (fault.kind === 'hang-headers') return true;
    const canned = cannedAnswer(fault);
    if (!canned) return false;
    res.writeHead(canned.status, { ...canned.headers, 'content-length': Buffer.byteLength(canned.body) });
    res.end(canned.body);
    return true;
  }

  async function serveAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(callerIp(req))) {
      sendJson(res, 403, { error: 'the admin surface answers loopback callers only' });
      return;
    }
    const body = await readBody(req);
    const answer = handleAdmin(controls, req.method ?? 'GET', new URL(req.url ?? '/', 'http://127.0.0.1'), body);
    sendJson(res, answer.status, answer.json);
  }

  const server = createServer((req, res) => {
    const admin = (req.url ?? '').startsWith(`${ADMIN_PREFIX}/`);
    (admin ? serveAdmin(req, res) : serveApi(req, res)).catch(() => {
      // Closing aborts the waits; an exchange already torn down needs no answer.
      if (!res.headersSent && !res.destroyed) res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let connections = 0;
  server.on('connection', () => connections++);

  return {
    baseUrl: `http://127.0.0.1:${port}${API_PREFIX}`,
    adminUrl: `http://127.0.0.1:${port}${ADMIN_PREFIX}`,
    port,
    world,
    requests,
    writes,
    connections: () => connections,
    created,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    grant: controls.grant,
    revoke: controls.revoke,
    updateToken: controls.updateToken,
    addToken: (token) => {
      refuseMalformedToken(world, token);
      world.tokens.push(structuredClone(token));
    },
    setLatency: controls.setLatency,
    fault: controls.fault,
    clearFaults: controls.clearFaults,
  };
}
