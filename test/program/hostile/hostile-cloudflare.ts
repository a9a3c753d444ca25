import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type TestServer } from '../../cloudflare/servers.js';

/** What a hostile server sends for one request: an envelope (JSON-encoded here) or raw text. */
export type Reply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; raw: string; headers?: Record<string, string> }
  | { handle: (req: IncomingMessage, res: ServerResponse) => void };

/** Returns a reply for the API path (after /client/v4, query included), or undefined for the honest one. */
export type Override = (method: string, path: string) => Reply | undefined;

export const ACCOUNT_ID = 'e1679175ba65be95c2718a0c1e479e17';
export const TOKEN_ID = 'ea052ee4fcc4e6ef57888615b334262c';
export const ok = (result: unknown, extra: Record<string, unknown> = {}) => ({ success: true, errors: [], messages: [], result, ...extra });
export const failed = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null });

/**
 * Just enough of Cloudflare for `doctor --no-domain --account-id <ACCOUNT_ID>` to pass (one account,
 * every account row held), with any answer replaced by `override`: the place a hostile server, proxy
 * or mirror puts what it likes.
 */
function honest(method: string, path: string): Reply {
  const bare = path.replace(/\?.*$/, '');
  if (bare === '/user/tokens/verify') return { json: ok({ id: TOKEN_ID, status: 'active' }) };
  if (bare === '/accounts') {
    return { json: ok([{ id: ACCOUNT_ID, name: 'Acme Corp' }], { result_info: { page: 1, per_page: 50, count: 1, total_count: 1, total_pages: 1 } }) };
  }
  if (bare === `/accounts/${ACCOUNT_ID}`) return { json: ok({ id: ACCOUNT_ID, name: 'Acme Corp' }) };
  if (bare === `/accounts/${ACCOUNT_ID}/members`) return { json: ok([]) };
  if (method === 'DELETE' && bare.startsWith(`/accounts/${ACCOUNT_ID}/workers/scripts/`)) return { status: 404, json: failed(10007, 'workers.api.error.script_not_found') };
  if (method === 'DELETE' && bare.startsWith(`/accounts/${ACCOUNT_ID}/storage/kv/namespaces/`)) return { status: 404, json: failed(10013, 'namespace not found') };
  return { status: 404, json: failed(7003, 'Could not route to the path') };
}

export interface HostileServer extends TestServer {
  baseUrl: string;
}

export async function startHostile(override: Override = () => undefined, host?: string): Promise<HostileServer> {
  const server = await startServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').replace(/^\/client\/v4/, '');
    req.resume();
    const reply = override(method, path) ?? honest(method, path);
    if ('handle' in reply) return reply.handle(req, res);
    const body = 'json' in reply ? JSON.stringify(reply.json) : reply.raw;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  }, undefined, host);
  return { ...server, baseUrl: `${server.url}/client/v4` };
}
