import { describe, expect, it } from 'vitest';
import { cleanToken, readTokenShape, lastFour } from '../../src/token/shape.js';

const legacy = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7d'; // 40 chars
const user2026 = `cfut_${'A1b2C3d4E5'.repeat(4)}0123abcd`;
const account2026 = `cfat_${'Z9y8X7w6V5'.repeat(4)}deadbeef`;

describe('cleanToken strips what people paste by accident', () => {
  it.each([
    ['  token  ', 'token'],
    ['token\n', 'token'],
    ['\r\ntoken\r\n', 'token'],
    ['"token"', 'token'],
    ["'token'", 'token'],
    ['Bearer token', 'token'],
    ['bearer   token', 'token'],
    ['Authorization: Bearer token', 'token'],
    ['CLOUDFLARE_API_TOKEN=token', 'token'],
    ['export CLOUDFLARE_API_TOKEN="token"', 'token'],
    ['\uFEFFtoken', 'token'],
  ])('%j -> %j', (raw, clean) => expect(cleanToken(raw)).toBe(clean));
});

describe('readTokenShape', () => {
  it.each([
    [legacy, 'legacy'],
    // 40 characters with one uppercase or non-hex letter: an older token, not a Global API Key.
    ['0123456789ABCDEF0123456789abcdef01234567', 'legacy'],
    ['0123456789abcdef0123456789abcdef0123456g', 'legacy'],
    [` "Bearer ${legacy}"\n`, 'legacy'],
    [user2026, 'user-2026'],
    [account2026, 'account-2026'],
  ])('accepts %s as %s', (raw, format) => {
    const v = readTokenShape(raw);
    expect(v).toMatchObject({ ok: true, format });
  });

  it.each([
    ['', 'no token was given'],
    ['   \n', 'no token was given'],
    ['0123456789abcdef0123456789abcdef012', 'this is not an API token (35 characters; a token is 40 characters, or 53 starting with cfut_ or cfat_)'],
    ['0123456789abcdef0123456789abcdef01234', 'this is a Global API Key, not an API token'],
    ['0123456789abcdef0123456789abcdef01234567', 'this is a Global API Key, not an API token'],
    ['0123456789abcdef0123456789abcdef0123456789abc', 'this is a Global API Key, not an API token'],
    ['0123456789abcdef0123456789abcdef0123456789abcd', 'this is not an API token (46 characters; a token is 40 characters, or 53 starting with cfut_ or cfat_)'],
    ['0123456789abcdef0123456789abcdef0123', 'this is not an API token (36 characters; a token is 40 characters, or 53 starting with cfut_ or cfat_)'],
    [`cfk_${'a1B2c3D4e5'.repeat(4)}0123abcd`, 'this is a Global API Key, not an API token'],
    [`v1.0-${'a'.repeat(24)}-${'b'.repeat(146)}`, 'this is an Origin CA key, not an API token'],
    ['0123456789abcdef0123456789abcdef', 'this is an account id, not an API token'],
    [`${legacy.slice(0, 20)}\n${legacy.slice(20)}`, 'this is not an API token: it has a line break in the middle (copy the token again, on its own)'],
    [`${legacy.slice(0, 20)} ${legacy.slice(20)}`, 'this is not an API token: it has spaces in the middle (copy the token again, on its own)'],
    [`${legacy.slice(0, 20)}\u0007${legacy.slice(20)}`, 'this is not an API token: it holds control characters (copy the token again)'],
  ])('refuses %j: %s', (raw, message) => {
    expect(readTokenShape(raw)).toMatchObject({ ok: false, message });
  });

  it('refuses a 2 MB paste without looking at it', () => {
    const v = readTokenShape('x'.repeat(2 * 1024 * 1024));
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toContain('2097152 characters');
  });

  it('never echoes the pasted text in a refusal', () => {
    const secret = `${legacy}EXTRA`;
    const v = readTokenShape(secret);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).not.toContain(secret.slice(0, 10));
  });
});

describe('lastFour', () => {
  it('shows the last four characters at most', () => expect(lastFour(legacy)).toBe(`…${legacy.slice(-4)}`));
  it('shows nothing of a short value', () => expect(lastFour('abc')).toBe('…'));
});
