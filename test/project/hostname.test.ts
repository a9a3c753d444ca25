import { describe, expect, it } from 'vitest';
import { hostNames, normaliseDomain, zoneCandidates } from '../../src/project/hostname.js';

describe('normaliseDomain accepts', () => {
  it.each([
    ['example.com', 'example.com', undefined],
    ['app.example.com', 'app.example.com', undefined],
    ['a-b.example.co.uk', 'a-b.example.co.uk', undefined],
    ['xn--bcher-kva.de', 'xn--bcher-kva.de', undefined],
    ['Example.COM', 'example.com', 'Lower-cased: example.com.'],
    ['example.com.', 'example.com', 'Removed the trailing dot: example.com.'],
    ['Example.com.', 'example.com', 'Removed the trailing dot and lower-cased: example.com.'],
    ['1password.com', '1password.com', undefined],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`, undefined],
  ])('%s → %s', (input, domain, note) => {
    expect(normaliseDomain(input)).toEqual(note ? { ok: true, domain, note } : { ok: true, domain });
  });
});

describe('normaliseDomain refuses, saying what to do', () => {
  it.each([
    ['', /Enter a domain name/],
    [' example.com', /spaces/],
    ['exa mple.com', /spaces/],
    ['https://example.com', /Drop the https:\/\/ and enter just the host name: example\.com\./],
    ['http://App.Example.com/path', /Drop the http:\/\/ .*app\.example\.com/],
    ['example.com/auth', /without a path: example\.com/],
    ['example.com?x=1', /without a path/],
    ['example.com:8443', /Leave out the port \(:8443\) and enter just example\.com\./],
    ['192.0.2.1', /IP address/],
    ['192.0.2.1:80', /IP address/],
    ['2001:db8::1', /IP address/],
    ['[::1]', /IP address/],
    ['[2001:db8::1]:443', /IP address/],
    ['bücher.de', /punycode form of this name: xn--bcher-kva\.de\./],
    ['Bücher.DE', /xn--bcher-kva\.de/],
    ['localhost', /single label/],
    ['localhost.', /single label/],
    ['example..com', /empty label/],
    ['.example.com', /empty label/],
    ['example.com..', /empty label/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
    [`${Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.')}.com`, /longer than 253/],
    ['-app.example.com', /"-app" starts or ends with a hyphen/],
    ['app-.example.com', /"app-" starts or ends with a hyphen/],
    ['my_app.example.com', /underscores/],
    ['*.example.com', /Wildcards/],
    ['user@example.com', /not an address with @/],
    ['example.123', /all digits/],
    ['exa!mple.com', /not "!"/],
    ['xn--zz.com', /not valid punycode/],
  ])('%j', (input, reason) => {
    const result = normaliseDomain(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reason).toMatch(/\.$/);
      expect(result.reason).not.toMatch(/\n/);
    }
  });
});

describe('hostNames', () => {
  it.each([
    ['acme', 'example.com', 'auth-acme.example.com', 'auth.acme.example.com'],
    ['my-app', 'app.example.co.uk', 'auth-my-app.app.example.co.uk', 'auth.my-app.app.example.co.uk'],
  ])('%s on %s', (slug, domain, flat, nested) => {
    expect(hostNames(slug, domain)).toEqual({ flat, nested });
  });
});

describe('zoneCandidates', () => {
  it.each([
    ['example.com', ['example.com']],
    ['app.example.com', ['app.example.com', 'example.com']],
    ['a.b.example.co.uk', ['a.b.example.co.uk', 'b.example.co.uk', 'example.co.uk', 'co.uk']],
  ])('%s', (domain, expected) => {
    expect(zoneCandidates(domain)).toEqual(expected);
  });
});
