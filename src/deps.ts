/**
 * The outside world in one object. Built once in cli.ts from the real process; tests build their own.
 * Nothing else in src/ reads process.env, process.cwd(), the clock or the network directly.
 */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  /**
   * The body as it arrives (null for none). The client reads only up to its size cap, then stops
   * iterating and aborts the request's signal; a transport must end the exchange on either.
   */
  body: AsyncIterable<Uint8Array> | null;
}

interface HttpRequestInit {
  method: string;
  headers: Record<string, string>;
  /** JSON, for `setup --create`'s token calls only. */
  body?: string;
  signal: AbortSignal;
}

/** fetch-shaped transport; the real one is undici's fetch behind an EnvHttpProxyAgent. */
export type HttpFetch = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

export interface GitResult {
  code: number;
  stdout: string;
}

export interface Deps {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now(): Date;
  sleep(ms: number): Promise<void>;
  fetch: HttpFetch;
  /** Opens a URL in the user's browser. Resolves even when nothing opened (that is how `open` behaves on Linux). */
  openUrl(url: string): Promise<void>;
  /** Runs git with these arguments in a folder; code -1 when git is not installed. */
  git(args: string[], cwd: string): Promise<GitResult>;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  platform: NodeJS.Platform;
  /**
   * Registers work that must run before the process stops on SIGINT or SIGTERM (deleting a token
   * `setup --create` made but did not save). Returns the function that unregisters it.
   */
  beforeSignalExit(cleanup: () => Promise<void>): () => void;
  /** How the user started mastrakit (`npx mastrakit`, `mastrakit`, `node dist/cli.js`): for commands shown to be run next. */
  invokedAs: string;
}
