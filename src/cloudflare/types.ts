import type { ShapeReader } from './shapes.js';

/** Cloudflare's v4 envelope (docs/cloudflare-api.md, "Envelope"). */
export interface CfMessage {
  code: number;
  message: string;
  documentation_url?: string;
  error_chain?: CfMessage[];
}

export interface CfResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

/** One answer from Cloudflare: a 2xx or a 4xx with the envelope. 5xx, 429 after retries and non-JSON never get here. */
export interface CfAnswer<T = unknown> {
  status: number;
  success: boolean;
  errors: CfMessage[];
  messages: CfMessage[];
  result: T | null;
  resultInfo?: CfResultInfo;
}

export type CfMethod = 'GET' | 'DELETE';

/**
 * A client bound to one token. Only reads and DELETEs aimed at ids that cannot exist are ever sent,
 * so the type allows no other method.
 */
export interface CloudflareClient {
  /**
   * A successful answer's `result` is checked by `read` (shapes.ts); one of the wrong shape makes the
   * request fail as not Cloudflare's JSON. Without `read` the result is not for use (`unknown`).
   */
  request<T = unknown>(
    method: CfMethod,
    path: string,
    query: Record<string, string | number> | undefined,
    read: ShapeReader<T>,
  ): Promise<CfAnswer<T>>;
  request(method: CfMethod, path: string, query?: Record<string, string | number>): Promise<CfAnswer<unknown>>;
}

export type CfWriteMethod = 'POST' | 'PUT' | 'DELETE';

/**
 * The one client that may change something in the user's account: `setup --create`'s token calls
 * (create, narrow, delete), each sent only after the user confirmed. Nothing else gets one.
 */
export interface CloudflareWriter {
  /** A successful answer's `result` is checked by `read`, as for CloudflareClient.request. */
  write<T>(method: CfWriteMethod, path: string, body: unknown, read: ShapeReader<T>): Promise<CfAnswer<T>>;
}

export interface CfAccount {
  id: string;
  name: string;
}

export interface CfZone {
  id: string;
  name: string;
  account?: { id: string; name?: string };
}

export interface CfTokenVerify {
  id: string;
  status: 'active' | 'disabled' | 'expired' | string;
  not_before?: string | null;
  expires_on?: string | null;
}
