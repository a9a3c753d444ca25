import type { ShapeReader } from '../cloudflare/shapes.js';
import type { CfAnswer, CfMethod, CloudflareClient } from '../cloudflare/types.js';

/**
 * Client IP Address Filtering: code 9109 with "Cannot use the access token from location: <ip>"
 * (docs/cloudflare-api.md, "Client IP Address Filtering"). Returns the address as it is safe to print
 * (server text: only the leading characters an IPv4 or IPv6 address is written with, at most 45), or null.
 */
export function ipRefusal(answer: Pick<CfAnswer, 'errors'>): string | null {
  for (const e of answer.errors) {
    if (e.code !== 9109 || typeof e.message !== 'string') continue;
    const m = /from location:\s*([0-9A-Fa-f.:]{0,45})/i.exec(e.message);
    if (m) return m[1] || 'an address Cloudflare did not name';
  }
  return null;
}

/**
 * The client, watched: the first IP refusal any request meets is kept, so that one such answer, wherever
 * it comes (the account list, the zone lookup, a probe), decides the verdict instead of reading as
 * missing permissions.
 */
export function watchIpRefusals(client: CloudflareClient): { client: CloudflareClient; refusal: () => string | null } {
  let seen: string | null = null;
  return {
    client: {
      request: async <T>(method: CfMethod, path: string, query?: Record<string, string | number>, read?: ShapeReader<T>) => {
        const answer = read ? await client.request(method, path, query, read) : await client.request(method, path, query);
        seen ??= ipRefusal(answer);
        return answer as CfAnswer<T>;
      },
    },
    refusal: () => seen,
  };
}
