import { describe, expect, it } from 'vitest';
import { proxyFor, readProxySettings } from '../../src/cloudflare/proxy.js';
import { LocalError } from '../../src/errors.js';

const CF = 'https://api.cloudflare.com/client/v4/user/tokens/verify';
const route = (env: Record<string, string>, url = CF) => proxyFor(readProxySettings(env), url);

describe('proxy choice (mirrors undici EnvHttpProxyAgent)', () => {
  it.each([
    ['no proxy variables', {}, CF, undefined],
    ['HTTPS_PROXY', { HTTPS_PROXY: 'http://proxy.corp:3128' }, CF, 'HTTPS_PROXY proxy.corp:3128'],
    ['lower case wins', { https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' }, CF, 'https_proxy low:1'],
    ['empty lower case switches it off', { https_proxy: '', HTTPS_PROXY: 'http://up:2' }, CF, undefined],
    ['https falls back to HTTP_PROXY', { HTTP_PROXY: 'http://p:8080' }, CF, 'HTTP_PROXY p:8080'],
    ['http uses HTTP_PROXY only', { HTTPS_PROXY: 'http://p:1' }, 'http://example.com/', undefined],
    ['no scheme means http://', { HTTPS_PROXY: 'proxy.corp:3128' }, CF, 'HTTPS_PROXY proxy.corp:3128'],
    ['credentials are not in the shown host', { HTTPS_PROXY: 'http://me:s3cret@p:8080' }, CF, 'HTTPS_PROXY p:8080'],
    ['NO_PROXY exact host', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.cloudflare.com' }, CF, undefined],
    ['NO_PROXY parent domain', { HTTPS_PROXY: 'http://p:1', no_proxy: '.cloudflare.com' }, CF, undefined],
    ['NO_PROXY other port', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'api.cloudflare.com:8443' }, CF, 'HTTPS_PROXY p:1'],
    ['NO_PROXY other host', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, CF, 'HTTPS_PROXY p:1'],
    ['NO_PROXY *', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }, CF, undefined],
    ['loopback always direct', { HTTP_PROXY: 'http://p:1' }, 'http://127.0.0.1:8787/client/v4', undefined],
    ['localhost always direct', { HTTP_PROXY: 'http://p:1' }, 'http://localhost:8787/', undefined],
    ['::1 always direct', { HTTP_PROXY: 'http://p:1' }, 'http://[::1]:8787/', undefined],
  ])('%s', (_name, env, url, expected) => {
    const chosen = route(env, url);
    expect(chosen && `${chosen.variable} ${chosen.host}`).toBe(expected);
  });

  it('keeps loopback out of the proxy for undici too', () => {
    expect(readProxySettings({ NO_PROXY: 'corp.example' }).noProxy).toBe('corp.example,localhost,127.0.0.1,[::1]');
    expect(readProxySettings({ NO_PROXY: '*' }).noProxy).toBe('*');
  });

  it('refuses a proxy that is not a URL without repeating it', () => {
    expect(() => readProxySettings({ HTTPS_PROXY: 'ftp://me:s3cret@p:1' })).toThrow(LocalError);
    expect(() => readProxySettings({ HTTPS_PROXY: 'http://me:s3cret@' })).toThrow(/HTTPS_PROXY is not a proxy URL/);
    try {
      readProxySettings({ HTTPS_PROXY: 'ftp://me:s3cret@p:1' });
    } catch (e) {
      expect((e as Error).message).not.toContain('s3cret');
    }
  });
});
