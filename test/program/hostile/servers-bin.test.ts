import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src/cloudflare/client.js';
import { project, runBin } from '../../support/bin.js';
import { ACCOUNT_ID, startHostile, type HostileServer } from './hostile-cloudflare.js';

// What only a process shows: an endless answer is cut off at the size cap by the built bin, which
// stops reading (the server can push only a little past the cap before the connection is closed),
// rather than buffering until the timeout.

const TOKEN = 'cfut_Bq3vN7mX4kP2rT9yW1bC5dF8gH6jL0sA3eQ7uI2o1a2b3c4d';
const made: string[] = [];
let server: HostileServer | undefined;
afterAll(async () => {
  await server?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('an endless chunked answer', () => {
  it('stops at the cap: exit 3 in one line, and the server could send only a little more than the cap', async () => {
    let sent = 0;
    let closed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    server = await startHostile((_m, path) =>
      path === '/user/tokens/verify'
        ? {
            handle: (_req, res) => {
              res.writeHead(200, { 'content-type': 'application/json' });
              res.write('{"success":true,"errors":[],"result":');
              const pump = (): void => {
                // Only what the socket takes counts: with backpressure this is what the client read.
                while (!res.destroyed && res.write(chunk)) sent += chunk.length;
                if (!res.destroyed) sent += chunk.length;
              };
              res.on('drain', pump);
              res.on('close', closed);
              pump();
            },
          }
        : undefined,
    );
    const cwd = project({ 'mastrakit.config.json': '{ "slug": "acme" }\n' });
    made.push(cwd);
    const result = await runBin(['doctor', '--no-domain', '--account-id', ACCOUNT_ID, '--timeout', '60'], {
      cwd,
      env: { CLOUDFLARE_API_BASE_URL: server.baseUrl, CLOUDFLARE_API_TOKEN: TOKEN },
    });
    await done;
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `✖ ${new URL(server.url).host} answered with more than 4 MiB (HTTP 200), not Cloudflare's JSON; check that CLOUDFLARE_API_BASE_URL points at the Cloudflare API, and HTTPS_PROXY.\n`,
    );
    expect(result.stdout).toBe('');
    // Socket buffers on both sides hold a few MiB at most; an unbounded reader would take gigabytes.
    expect(sent).toBeGreaterThan(MAX_BODY_BYTES);
    expect(sent).toBeLessThan(MAX_BODY_BYTES + 16 * 1024 * 1024);
  });
});
