import type { StandIn } from '../../src/stand-in/index.js';

export interface Answer {
  status: number;
  contentType: string | null;
  headers: Headers;
  // Tests read fields loosely; the envelope's shape is asserted, not assumed.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One real HTTP request to the stand-in; `token` null sends no Authorization header. */
export async function call(
  standIn: StandIn,
  method: string,
  path: string,
  token: string | null,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${standIn.baseUrl}${path}`, {
    method,
    headers: token === null ? headers : { authorization: `Bearer ${token}`, ...headers },
    signal: AbortSignal.timeout(2000),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type');
  return {
    status: res.status,
    contentType,
    headers: res.headers,
    body: contentType?.includes('json') ? JSON.parse(text) : text,
  };
}

/** The first error's code, or null on success. */
export function codeOf(answer: Answer): number | null {
  return answer.body?.errors?.[0]?.code ?? null;
}
