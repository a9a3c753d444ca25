import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorld, startStandIn } from '../../src/stand-in/index.js';
import { call } from './http.js';
import { useStandIn } from '../support/stand-in.js';

const s = sampleWorld();
const token = s.tokens.complete.value;
const verify = '/user/tokens/verify';

const standIn = useStandIn({ world: s.world }, { clearFaults: true });
afterEach(() => standIn.setLatency(0));

function rawFetch(path: string, timeoutMs = 2000): Promise<Response> {
  return fetch(`${standIn.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
}

const lastRecord = () => standIn.requests.at(-1);

describe('faults that answer instead of the API', () => {
  it('429 with retry-after and rate-limit headers, once', async () => {
    standIn.fault({ kind: 'status', status: 429, retryAfter: 7 });
    const limited = await call(standIn, 'GET', verify, token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.body.success).toBe(false);
    expect(lastRecord()).toMatchObject({ status: 429, fault: 'status' });
    expect((await call(standIn, 'GET', verify, token)).status).toBe(200);
  });

  it.each([
    [500, undefined, 'application/json'],
    [500, 'html', 'text/html'],
    [502, undefined, 'text/html'],
    [503, undefined, 'text/html'],
    [503, 'json', 'application/json'],
  ] as const)('%i (body %s) answers %s', async (status, body, contentType) => {
    standIn.fault(body ? { kind: 'status', status, body } : { kind: 'status', status });
    const answer = await call(standIn, 'GET', verify, token);
    expect([answer.status, answer.contentType]).toEqual([status, contentType]);
  });

  it('html: a 200 page as a captive portal would send', async () => {
    standIn.fault({ kind: 'html' });
    const answer = await call(standIn, 'GET', verify, token);
    expect([answer.status, answer.contentType]).toEqual([200, 'text/html']);
    expect(answer.body).toMatch(/^<!DOCTYPE html>/);
  });

  it('auth-flake: a valid token refused with 401 / 10000 on probe requests only, the first N of them', async () => {
    const members = `/accounts/${s.account.id}/members?per_page=5`;
    standIn.fault({ kind: 'auth-flake', times: 2 });
    // Token verification and the lists are not probes: they pass the fault by.
    expect((await call(standIn, 'GET', verify, token)).status).toBe(200);
    expect((await call(standIn, 'GET', '/accounts', token)).status).toBe(200);
    expect((await call(standIn, 'GET', `/accounts/${s.account.id}`, token)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const refused = await call(standIn, 'GET', members, token);
      expect([refused.status, refused.body.errors]).toEqual([401, [{ code: 10000, message: 'Authentication error' }]]);
    }
    expect((await call(standIn, 'GET', members, token)).status).toBe(200);
  });

  it('not-envelope: 200 JSON that is not Cloudflare’s', async () => {
    standIn.fault({ kind: 'not-envelope' });
    const answer = await call(standIn, 'GET', verify, token);
    expect([answer.status, answer.body]).toEqual([200, { hello: 'world' }]);
  });
});

describe('faults of the connection', () => {
  it('reset: the socket closes before any answer', async () => {
    standIn.fault({ kind: 'reset' });
    await expect(rawFetch(verify)).rejects.toThrow();
    await expect.poll(() => lastRecord()?.ms).not.toBeNull();
    expect(lastRecord()).toMatchObject({ status: null, fault: 'reset' });
  });

  it('reset-mid-body: headers arrive, the body breaks off', async () => {
    standIn.fault({ kind: 'reset-mid-body' });
    const res = await rawFetch(verify);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('hang-headers: nothing comes back until the client gives up', async () => {
    standIn.fault({ kind: 'hang-headers' });
    await expect(rawFetch(verify, 150)).rejects.toThrow(/timeout|aborted/i);
    // Recorded once the client gave up (ms set), never answered (status null). Not a timing claim: under
    // load the request reaches the stand-in late, so its own clock may see less than the client waited.
    await expect.poll(() => lastRecord()?.ms).toBeTypeOf('number');
    expect(lastRecord()?.status).toBeNull();
    expect(lastRecord()?.fault).toBe('hang-headers');
  });

  it('stall-body: headers, then nothing', async () => {
    standIn.fault({ kind: 'stall-body' });
    const res = await rawFetch(verify, 200);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow(/timeout|aborted/i);
  });

  it('slow: the right answer, late', async () => {
    standIn.fault({ kind: 'slow', ms: 120 });
    const started = performance.now();
    const answer = await call(standIn, 'GET', verify, token);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(answer.body.result.status).toBe('active');
  });

  it('latency applies to every request until reset', async () => {
    standIn.setLatency(80);
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      expect((await call(standIn, 'GET', verify, token)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    }
  });
});

describe('which requests a fault hits', () => {
  it('only paths containing its path, and only its method', async () => {
    standIn.fault({ kind: 'status', status: 503, path: '/zones', method: 'DELETE' });
    expect((await call(standIn, 'GET', verify, token)).status).toBe(200);
    expect((await call(standIn, 'GET', `/zones/${s.zone.id}`, token)).status).toBe(200);
    expect((await call(standIn, 'DELETE', `/zones/${s.zone.id}/dns_records/${'a'.repeat(32)}`, token)).status).toBe(503);
  });

  it('times: a fault hits that many requests, then the API answers', async () => {
    standIn.fault({ kind: 'status', status: 502, times: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(standIn, 'GET', verify, token)).status);
    expect(statuses).toEqual([502, 502, 200]);
  });

  it('times Infinity is a rule until cleared; queued faults run in order', async () => {
    standIn.fault({ kind: 'status', status: 500 });
    standIn.fault({ kind: 'status', status: 503, times: Infinity });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(standIn, 'GET', verify, token)).status);
    expect(statuses).toEqual([500, 503, 503, 503]);
    standIn.clearFaults();
    expect((await call(standIn, 'GET', verify, token)).status).toBe(200);
  });

  it('rejects a fault with no times left', () => {
    expect(() => standIn.fault({ kind: 'reset', times: 0 })).toThrow(/positive/);
  });
});

describe('closing', () => {
  it('closes promptly with a request still hanging', async () => {
    const own = await startStandIn({ world: s.world });
    own.fault({ kind: 'hang-headers' });
    const pending = fetch(`${own.baseUrl}${verify}`, { headers: { authorization: `Bearer ${token}` } });
    await expect.poll(() => own.requests.length).toBe(1);
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(500);
    await expect(pending).rejects.toThrow();
  });
});
