import { describe, expect, it } from 'vitest';
import { resolveBaseUrl } from '../../src/cloudflare/base-url.js';
import { ExitCode, UsageError } from '../../src/errors.js';

const at = (value: string | undefined) => resolveBaseUrl({ CLOUDFLARE_API_BASE_URL: value });

describe('resolveBaseUrl', () => {
  it.each([
    ['unset', undefined, 'https://api.cloudflare.com/client/v4'],
    ['blank', '   ', 'https://api.cloudflare.com/client/v4'],
    ['https override', 'https://cf-mirror.example.com/client/v4', 'https://cf-mirror.example.com/client/v4'],
    ['trailing slashes stripped', 'https://cf-mirror.example.com/client/v4//', 'https://cf-mirror.example.com/client/v4'],
    ['http on 127.0.0.1 with port', 'http://127.0.0.1:8787/client/v4', 'http://127.0.0.1:8787/client/v4'],
    ['http on 127.5.6.7', 'http://127.5.6.7/client/v4', 'http://127.5.6.7/client/v4'],
    ['http on localhost', 'http://localhost:9000/client/v4/', 'http://localhost:9000/client/v4'],
    ['http on ::1', 'http://[::1]:9000/client/v4', 'http://[::1]:9000/client/v4'],
    ['host is lower-cased', 'https://API.Cloudflare.COM/client/v4', 'https://api.cloudflare.com/client/v4'],
  ])('%s', (_name, value, url) => {
    expect(at(value)).toEqual({ url });
  });

  it('accepts a path without /client/v4 but warns', () => {
    const { url, warning } = at('https://proxy.example.com/cf/');
    expect(url).toBe('https://proxy.example.com/cf');
    expect(warning).toMatch(/does not end in \/client\/v4/);
  });

  it('warns for a bare origin', () => {
    expect(at('http://127.0.0.1:8787').warning).toMatch(/path \/ does not end/);
  });

  it.each([
    ['plain http to a remote host', 'http://api.cloudflare.com/client/v4', /plain http:\/\/ for api\.cloudflare\.com.*https:\/\//],
    ['http to a private address', 'http://10.0.0.5/client/v4', /plain http/],
    ['http to a name that only starts like localhost', 'http://localhost.evil.example/client/v4', /plain http/],
    // With the dot it is a fully qualified name a resolver may send to DNS: not loopback without DNS.
    ['http to localhost. (the fully qualified form)', 'http://localhost.:8787/client/v4', /plain http/],
    ['credentials', 'https://user:hunter2@api.example.com/client/v4', /user name or password/],
    ['a query', 'https://api.example.com/client/v4?x=1', /query string or fragment/],
    ['an empty query', 'https://api.example.com/client/v4?', /query string or fragment/],
    ['a fragment', 'https://api.example.com/client/v4#top', /query string or fragment/],
    ['a long scheme is not echoed', 'abcdefghijABCDEFGHIJ0123://x', /^CLOUDFLARE_API_BASE_URL must start with https:\/\/\.$/],
    ['ftp', 'ftp://api.example.com/client/v4', /must start with https:\/\/ \(not ftp:\/\/\)/],
    ['garbage', 'not a url at all', /is not a URL/],
    ['a pasted token', 'cfut_abcdefghijABCDEFGHIJ0123456789abcdefghij01234567', /is not a URL/],
  ])('refuses %s (exit 2, one line)', (_name, value, message) => {
    let error: unknown;
    try {
      at(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const { message: text, exitCode } = error as UsageError;
    expect(exitCode).toBe(ExitCode.usage);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('abcdefghijABCDEFGHIJ');
  });
});
