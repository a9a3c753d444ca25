import { describe, expect, it } from 'vitest';
import { BadServerText, cleanStrings, redact, safeText } from '../../src/cloudflare/server-text.js';
import { jsonText } from '../../src/render/json.js';

describe('safeText', () => {
  it.each([
    ['plain text', 'Acme Corp', 'Acme Corp'],
    ['ESC and an OSC title', '\u001b]0;pwned\u0007x', String.raw`\x1b]0;pwned\x07x`],
    ['a carriage return and newline', 'a\rb\nc\td', String.raw`a\rb\nc\td`],
    ['DEL and a C1 CSI', '\u007f\u009b2J', String.raw`\x7f\x9b2J`],
    ['bidi overrides and isolates', '\u202eabc\u2066\u200f', String.raw`\u202eabc\u2066\u200f`],
    ['a zero-width joiner and line separator', 'a\u200db\u2028', String.raw`a\u200db\u2028`],
    ['a tag character (outside the BMP)', 'x\u{e0041}', String.raw`x\u{e0041}`],
    ['unicode letters and emoji stay', 'Café 🚀 日本', 'Café 🚀 日本'],
  ])('%s', (_name, input, shown) => {
    expect(safeText(input)).toBe(shown);
  });

  it('cuts a long string at 200 characters with an ellipsis, by code point', () => {
    expect(safeText('a'.repeat(200))).toBe('a'.repeat(200));
    expect(safeText('a'.repeat(201))).toBe(`${'a'.repeat(199)}…`);
    expect(Array.from(safeText('🚀'.repeat(300)))).toHaveLength(200);
  });
});

describe('redact', () => {
  const token = 'cfut_Zq8vN2mX4kP7rT1yW9bC3dF6gH0jL5sA8eQ2uI4o1a2b3c4d';
  it.each([
    ['the token anywhere', `x${token}y`, 'x[redacted]y'],
    ['Bearer and the token', `Authorization: Bearer ${token}`, 'Authorization: Bearer [redacted]'],
    ['any bearer value, any case', 'authorization: bearer other-secret", next', 'authorization: bearer [redacted]", next'],
    ['nothing to redact', 'Invalid API Token', 'Invalid API Token'],
  ])('%s', (_name, input, out) => {
    expect(redact(input, token)).toBe(out);
  });
});

describe('cleanStrings', () => {
  it('cleans every string, keys included, and keeps a __proto__ key a key', () => {
    const value = JSON.parse('{"a\\u001b":["\\u202e"],"__proto__":{"x":1}}');
    const clean = cleanStrings(value, '') as Record<string, unknown>;
    expect(Object.keys(clean)).toEqual([String.raw`a\x1b`, '__proto__']);
    expect(clean[String.raw`a\x1b`]).toEqual([String.raw`\u202e`]);
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
  });

  it('refuses a lone surrogate and absurd nesting', () => {
    expect(() => cleanStrings(['\ud800'], '')).toThrow(BadServerText);
    expect(() => cleanStrings(JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`), '')).toThrow(BadServerText);
    expect(cleanStrings(['😀'], '')).toEqual(['😀']);
  });
});

describe('jsonText', () => {
  it('escapes DEL, C1, bidi and separators, and stays the same JSON', () => {
    const doc = { name: 'a\u0085b\u202ec\u2028d\u007f', list: [1] };
    const text = jsonText(doc);
    expect(text).not.toMatch(/[\u007f-\u009f\u202e\u2028]/);
    expect(text).toContain(String.raw`a\u0085b\u202ec\u2028d\u007f`);
    expect(JSON.parse(text)).toEqual(doc);
  });
});
