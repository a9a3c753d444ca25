import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalError } from '../../src/errors.js';
import { readConfig, saveConfig } from '../../src/project/config.js';
import { setJsonMembers } from '../../src/project/json-members.js';
import { defaultSlug, sanitiseSlug } from '../../src/project/slug.js';

const scratch = mkdtempSync(join(tmpdir(), 'mastrakit-config-'));
let n = 0;
function project(files: Record<string, string> = {}, name = `p${n++}`): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('setJsonMembers (the config file edited as text)', () => {
  it.each([
    ['no file', null, { slug: 'acme' }, '{\n  "slug": "acme"\n}\n'],
    ['empty file', '', { slug: 'acme', domain: null }, '{\n  "slug": "acme",\n  "domain": null\n}\n'],
    ['empty object', '{}\n', { slug: 'acme' }, '{\n  "slug": "acme"\n}\n'],
    ['replaces in place', '{\n  "slug": "old",\n  "x": 1\n}\n', { slug: 'new' }, '{\n  "slug": "new",\n  "x": 1\n}\n'],
    ['unchanged value', '{"slug":"a"}', { slug: 'a' }, '{"slug":"a"}'],
    ['appends in 4 spaces', '{\n    "x": [1, 2]\n}\n', { domain: 'example.com' }, '{\n    "x": [1, 2],\n    "domain": "example.com"\n}\n'],
    ['appends in tabs', '{\n\t"x": {"y": "}"}\n}', { domainStyle: 'nested' }, '{\n\t"x": {"y": "}"},\n\t"domainStyle": "nested"\n}'],
    ['keeps CRLF', '{\r\n  "slug": "a"\r\n}\r\n', { domain: null }, '{\r\n  "slug": "a",\r\n  "domain": null\r\n}\r\n'],
    ['inline object', '{"slug": "a"}\n', { domain: 'example.com' }, '{"slug": "a", "domain": "example.com"}\n'],
    ['keeps the colon style', '{\n  "slug" : "a"\n}', { domain: null }, '{\n  "slug" : "a",\n  "domain" : null\n}'],
    ['null to string', '{\n  "domain": null\n}\n', { domain: 'example.com' }, '{\n  "domain": "example.com"\n}\n'],
    ['keeps a BOM', '\uFEFF{\n  "slug": "a"\n}\n', { slug: 'b' }, '\uFEFF{\n  "slug": "b"\n}\n'],
    ['undefined changes nothing', '{"slug":"a"}', { slug: undefined }, '{"slug":"a"}'],
    ['escaped quote in a key', '{\n  "a\\"b": 1\n}', { slug: 'z' }, '{\n  "a\\"b": 1,\n  "slug": "z"\n}'],
  ])('%s', (_, raw, changes, expected) => {
    expect(setJsonMembers(raw, changes as never).text).toBe(expected);
    expect(() => JSON.parse(expected.replace(/^\uFEFF/, ''))).not.toThrow();
  });
});

describe('readConfig', () => {
  it('gives the defaults when there is no file', () => {
    const dir = project();
    expect(readConfig(dir)).toEqual({
      path: join(dir, 'mastrakit.config.json'),
      exists: false,
      raw: null,
      config: { domain: null, domainStyle: 'flat' },
      answered: { slug: false, domain: false, domainStyle: false },
    });
  });

  it('reads the three keys and says which the file holds', () => {
    const raw = '{ "slug": "acme", "domainStyle": "nested", "other": true }';
    const dir = project({ 'mastrakit.config.json': raw });
    expect(readConfig(dir)).toMatchObject({
      exists: true,
      raw,
      config: { slug: 'acme', domain: null, domainStyle: 'nested' },
      answered: { slug: true, domain: false, domainStyle: true },
    });
  });

  it.each([
    ['not JSON', '{\n  "slug": "a",\n}', /mastrakit\.config\.json is not valid JSON: .*\(line 3, column 1\)\.$/],
    ['text after the object', '{"slug": "a"} x', /is not valid JSON: Unexpected non-whitespace character after JSON \(line 1, column 15\)\.$/],
    ['not an object', '[1]', /must hold a JSON object/],
    ['slug a number', '{"slug": 1}', /"slug" must be a string\./],
    ['slug with capitals', '{"slug": "Acme"}', /"slug" must be 1 to 58 of a-z, 0-9/],
    ['domain a number', '{"domain": 5}', /"domain" must be a host name string, or null/],
    ['bad domainStyle', '{"domainStyle": "deep"}', /"domainStyle" must be "flat" or "nested"\./],
  ])('refuses %s in one line naming the file', (_, raw, message) => {
    const dir = project({ 'mastrakit.config.json': raw });
    let thrown: unknown;
    try {
      readConfig(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LocalError);
    expect((thrown as LocalError).exitCode).toBe(2);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).toContain(join(dir, 'mastrakit.config.json'));
    expect((thrown as Error).message).not.toMatch(/\n/);
  });

  it('reads an empty file as no answers', () => {
    expect(readConfig(project({ 'mastrakit.config.json': '  \n' })).config).toEqual({ domain: null, domainStyle: 'flat' });
  });

  it('refuses a folder where the file should be', () => {
    const dir = project();
    mkdirSync(join(dir, 'mastrakit.config.json'));
    expect(() => readConfig(dir)).toThrow(/is a folder, not a file/);
  });
});

describe('sanitiseSlug and defaultSlug', () => {
  it.each([
    ['@acme/auth-service', 'auth-service'],
    ['My Cool App!', 'my-cool-app'],
    ['café_bar', 'cafe-bar'],
    ['--a--b--', 'a-b'],
    ['日本', ''],
    ['a'.repeat(39) + '-b', 'a'.repeat(39)],
    ['x'.repeat(60), 'x'.repeat(40)],
  ])('%s → %j', (input, expected) => {
    expect(sanitiseSlug(input)).toBe(expected);
  });

  it.each([
    ['package.json name, scope dropped', { 'package.json': '{"name": "@acme/Web_App"}' }, 'folder-name', 'web-app'],
    ['folder name when no package.json', {}, 'My Folder', 'my-folder'],
    ['folder name when package.json is broken', { 'package.json': '{' }, 'broken-pkg', 'broken-pkg'],
    ['folder name when the name sanitises to nothing', { 'package.json': '{"name": "日本"}' }, 'named', 'named'],
    ['app when nothing is usable', {}, '日本', 'app'],
  ])('%s', (_, files, folder, expected) => {
    expect(defaultSlug(project(files, folder))).toBe(expected);
  });
});

describe('saveConfig', () => {
  it('creates the file with mode 0644 and reports the keys', async () => {
    const dir = project();
    const result = await saveConfig(dir, { slug: 'acme', domain: null, domainStyle: 'flat' });
    expect(result).toEqual({ path: join(dir, 'mastrakit.config.json'), changed: ['slug', 'domain', 'domainStyle'], created: true });
    expect(statSync(result.path).mode & 0o777).toBe(0o644);
    expect(readConfig(dir).config).toEqual({ slug: 'acme', domain: null, domainStyle: 'flat' });
  });

  it('keeps other keys and reports only what changed; writes nothing when nothing changed', async () => {
    const raw = '{\n    "slug": "acme",\n    "extra": {"keep": [1, 2]},\n    "domain": null\n}\n';
    const dir = project({ 'mastrakit.config.json': raw });
    const first = await saveConfig(dir, { slug: 'acme', domain: 'example.com' });
    expect(first.changed).toEqual(['domain']);
    expect(first.created).toBe(false);
    expect(readFileSync(first.path, 'utf8')).toBe(raw.replace('"domain": null', '"domain": "example.com"'));
    const before = statSync(first.path).mtimeMs;
    const second = await saveConfig(dir, { slug: 'acme', domain: 'example.com' });
    expect(second.changed).toEqual([]);
    expect(statSync(first.path).mtimeMs).toBe(before);
  });

  it('refuses to save over a config it cannot read', async () => {
    const dir = project({ 'mastrakit.config.json': '{ nope' });
    await expect(saveConfig(dir, { slug: 'a' })).rejects.toThrow(LocalError);
    expect(readFileSync(join(dir, 'mastrakit.config.json'), 'utf8')).toBe('{ nope');
  });
});
