import dotenv from 'dotenv';
import { describe, expect, it } from 'vitest';
import { LocalError } from '../../src/errors.js';
import { duplicateLines, findEnvValue, lineEnding, parseEnv, upsertEnvValue } from '../../src/project/env-file.js';

describe('dotenv 18 itself (what the edit must agree with)', () => {
  it('lets the last occurrence of a key win', () => {
    expect(dotenv.parse('A=1\nA=2\n').A).toBe('2');
    expect(dotenv.parse('A=1\r\nexport A=3 # c\r\n').A).toBe('3');
  });
});

describe('findEnvValue and duplicateLines', () => {
  it.each([
    ['plain', 'K=v\n', { value: 'v', line: 1 }],
    ['absent', 'A=1\n', undefined],
    ['last one wins', 'K=1\nA=2\nK=3\n', { value: '3', line: 3 }],
    ['export prefix', 'export K=v\n', { value: 'v', line: 1 }],
    ['inline comment', 'K=v # note\n', { value: 'v', line: 1 }],
    ['single quotes keep #', "K='a # b'\n", { value: 'a # b', line: 1 }],
    ['double quotes expand \\n', 'K="a\\nb"\n', { value: 'a\nb', line: 1 }],
    ['CRLF', 'A=1\r\n\r\nK=v\r\n', { value: 'v', line: 3 }],
    ['BOM', '\uFEFFK=v', { value: 'v', line: 1 }],
    ['inside a multi-line value is not an occurrence', 'A="x\nK=inner\n"\nB=1\n', undefined],
    ['colon form', 'K: v\n', { value: 'v', line: 1 }],
    ['empty', 'K=\n', { value: '', line: 1 }],
    ['a longer key is another key', 'KK=1\nK_=2\n', undefined],
  ])('%s', (_, text, expected) => {
    expect(findEnvValue(text, 'K')).toEqual(expected);
    expect(findEnvValue(text, 'K')?.value).toBe(dotenv.parse(text).K);
  });

  it.each([
    ['one occurrence', 'K=1\n', []],
    ['none', 'A=1\n', []],
    ['three', 'K=1\n#c\nK=2\nexport K=3\n', [1, 3]],
    ['CRLF lines count once', 'K=1\r\n\r\nK=2\r\n', [1]],
  ])('duplicateLines: %s', (_, text, expected) => {
    expect(duplicateLines(text, 'K')).toEqual(expected);
  });
});

describe('lineEnding', () => {
  it.each([
    ['', '\n'],
    ['a', '\n'],
    ['a\nb\n', '\n'],
    ['a\r\nb\r\n', '\r\n'],
    ['a\r\nb\r\nc\n', '\r\n'],
    ['a\r\nb\nc\n', '\n'],
    ['a\rb\r', '\r'],
  ])('%j → %j', (text, expected) => {
    expect(lineEnding(text)).toBe(expected);
  });
});

describe('upsertEnvValue', () => {
  it.each([
    ['empty file', '', 'CLOUDFLARE_API_TOKEN=tok\n'],
    ['appends with LF', 'A=1\n', 'A=1\nCLOUDFLARE_API_TOKEN=tok\n'],
    ['appends with CRLF', 'A=1\r\n', 'A=1\r\nCLOUDFLARE_API_TOKEN=tok\r\n'],
    ['no trailing newline: separator added, none after', 'A=1', 'A=1\nCLOUDFLARE_API_TOKEN=tok'],
    ['no trailing newline, CRLF file', 'A=1\r\nB=2', 'A=1\r\nB=2\r\nCLOUDFLARE_API_TOKEN=tok'],
    ['BOM only', '\uFEFF', '\uFEFFCLOUDFLARE_API_TOKEN=tok\n'],
    ['BOM kept', '\uFEFFA=1\n', '\uFEFFA=1\nCLOUDFLARE_API_TOKEN=tok\n'],
    ['replaces in place', '# top\nCLOUDFLARE_API_TOKEN=old\nB=2\n', '# top\nCLOUDFLARE_API_TOKEN=tok\nB=2\n'],
    ['keeps export and comment', 'export CLOUDFLARE_API_TOKEN=old # mine\n', 'export CLOUDFLARE_API_TOKEN=tok # mine\n'],
    ['keeps spacing', 'CLOUDFLARE_API_TOKEN = old   # c\n', 'CLOUDFLARE_API_TOKEN = tok   # c\n'],
    ['keeps its quotes', 'CLOUDFLARE_API_TOKEN="old"\n', 'CLOUDFLARE_API_TOKEN="tok"\n'],
    ['fills an empty value', 'CLOUDFLARE_API_TOKEN=\nB=2\n', 'CLOUDFLARE_API_TOKEN=tok\nB=2\n'],
    ['updates the last of duplicates', 'CLOUDFLARE_API_TOKEN=a\nCLOUDFLARE_API_TOKEN=b\n', 'CLOUDFLARE_API_TOKEN=a\nCLOUDFLARE_API_TOKEN=tok\n'],
    ['replaces a multi-line value whole', 'CLOUDFLARE_API_TOKEN="x\ny"\nB=2\n', 'CLOUDFLARE_API_TOKEN="tok"\nB=2\n'],
    ['CRLF in place', 'A=1\r\nCLOUDFLARE_API_TOKEN=old\r\n', 'A=1\r\nCLOUDFLARE_API_TOKEN=tok\r\n'],
    ['unchanged when equal', 'CLOUDFLARE_API_TOKEN="tok"  # same\n', 'CLOUDFLARE_API_TOKEN="tok"  # same\n'],
  ])('%s', (_, before, after) => {
    expect(upsertEnvValue(before, 'CLOUDFLARE_API_TOKEN', 'tok')).toBe(after);
  });

  it.each([
    ['plain id', '0123456789abcdef0123456789abcdef', 'K=0123456789abcdef0123456789abcdef'],
    ['hash', 'a#b', "K='a#b'"],
    ['spaces', ' a b ', "K=' a b '"],
    ['single quote', "it's", 'K="it\'s"'],
    ['single and double quotes', `it's "x"`, 'K=`it\'s "x"`'],
    ['dollar', '$HOME', "K='$HOME'"],
    ['equals', 'a=b', 'K=a=b'],
    ['backslash-n stays literal', 'a\\nb', "K='a\\nb'"],
    ['empty', '', 'K='],
    ['leading quote', '"x', "K='\"x'"],
    ['unicode', 'pässwörd', "K='pässwörd'"],
  ])('quotes %s so dotenv reads it back', (_, value, line) => {
    const text = upsertEnvValue('A=1\n', 'K', value);
    expect(text).toBe(`A=1\n${line}\n`);
    expect(dotenv.parse(text).K).toBe(value);
  });

  it.each([
    ['a newline', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a line separator', 'a\u2028b'],
    ['every quote kind and a #', `'"\`#`],
  ])('refuses %s, never echoing the value', (_, value) => {
    let thrown: unknown;
    try {
      upsertEnvValue('', 'K', value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LocalError);
    expect((thrown as Error).message).not.toContain(value);
  });

  it('refuses a key dotenv cannot read', () => {
    expect(() => upsertEnvValue('', 'BAD KEY', 'v')).toThrow(LocalError);
  });

  it('keeps an earlier unterminated quote from swallowing the new line', () => {
    const before = 'A="open\n';
    const text = upsertEnvValue(before, 'K', '# x');
    expect(dotenv.parse(text)).toEqual({ ...dotenv.parse(before), K: '# x' });
  });
});

/** mulberry32: small, seeded, good enough to generate files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TARGET = 'CLOUDFLARE_API_TOKEN';

function generator(rand: () => number) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const chars = (alphabet: string, max: number) =>
    Array.from({ length: Math.floor(rand() * (max + 1)) }, () => pick([...alphabet])).join('');
  const keys = [TARGET, TARGET, 'CF_ACCOUNT_ID', 'A', 'B_2', 'db.host', 'x-y', 'CLOUDFLARE_API_TOKEN_OLD'];
  const valueChars = 'abcXYZ019_-./:=@ #$\'"`\\';
  const value = () => {
    const raw = chars(valueChars, 12);
    switch (pick(['plain', 'single', 'double', 'backtick', 'plain', 'multi'])) {
      case 'single':
        return `'${raw.replaceAll("'", '')}'`;
      case 'double':
        return `"${raw.replaceAll('"', '')}"`;
      case 'backtick':
        return `\`${raw.replaceAll('`', '')}\``;
      case 'multi':
        return `"${raw.replaceAll('"', '')}\n${chars('abc =', 6)}"`;
      default:
        return raw.replace(/^['"`]/, '');
    }
  };
  const line = () =>
    pick([
      () => `${pick(['', '', 'export ', '  '])}${pick(keys)}${pick(['=', ' = ', '= ', ': '])}${value()}${pick(['', '', ' # note', '#n'])}`,
      () => `# ${chars('abc =#', 10)}`,
      () => '',
      () => pick(['   ', 'not a key line', '=value', 'KEY WITH SPACE=1', 'A="unterminated']),
    ])();
  const file = () => {
    const eol = pick(['\n', '\n', '\r\n', '\r\n', '\r']);
    const lines = Array.from({ length: Math.floor(rand() * 9) }, line);
    let text = lines.join(eol);
    if (rand() < 0.7 && text !== '') text += eol;
    if (rand() < 0.1) text = `\uFEFF${text}`;
    return text;
  };
  const newValue = () =>
    pick([
      () => `cfut_${chars('ABCdef0123456789', 40)}`,
      () => chars('0123456789abcdef', 32),
      () => chars(valueChars, 16),
      () => '',
    ])();
  return { file, newValue };
}

/**
 * The one line `after` adds to `before`: appended (after a line break added when the file had no
 * trailing one, and ending in the file's line ending unless the file had none) or, as a fallback,
 * first. Undefined when the change is anything else.
 */
function addedLine(before: string, after: string): string | undefined {
  const eol = lineEnding(before);
  const bom = before.startsWith('\uFEFF') ? '\uFEFF' : '';
  const body = before.slice(bom.length);
  const single = (line: string) => (/[\r\n]/.test(line) ? undefined : line);
  if (body === '') return after.startsWith(bom) && after.endsWith('\n') ? single(after.slice(bom.length, -1)) : undefined;
  if (/[\r\n]$/.test(before)) {
    if (after.startsWith(before) && after.endsWith(eol)) return single(after.slice(before.length, -eol.length));
  } else if (after.startsWith(before + eol)) {
    return single(after.slice(before.length + eol.length));
  }
  if (after.startsWith(bom) && after.endsWith(eol + body)) return single(after.slice(bom.length, -(eol + body).length));
  return undefined;
}

describe('upsertEnvValue over generated files (seeded)', () => {
  const FILES = 5000;

  it(`agrees with dotenv.parse on ${FILES} files: new value for the key, every other key unchanged`, () => {
    const rand = random(20260101);
    const gen = generator(rand);
    let refused = 0;
    let appendedCount = 0;
    let prepended = 0;
    let inPlace = 0;
    for (let n = 0; n < FILES; n++) {
      const before = gen.file();
      const value = gen.newValue();
      const parsedBefore = dotenv.parse(before);
      const context = JSON.stringify({ before, value });

      expect(findEnvValue(before, TARGET)?.value, context).toBe(parsedBefore[TARGET]);

      let after: string;
      try {
        after = upsertEnvValue(before, TARGET, value);
      } catch (error) {
        // Only a value holding every quote kind plus something that needs quoting may be refused.
        expect(error, context).toBeInstanceOf(LocalError);
        expect(['\'', '"', '`'].every((q) => value.includes(q)), context).toBe(true);
        refused++;
        continue;
      }
      const parsedAfter = dotenv.parse(after);
      expect(parsedAfter[TARGET], context).toBe(value);
      const { [TARGET]: _old, ...othersBefore } = parsedBefore;
      const { [TARGET]: _new, ...othersAfter } = parsedAfter;
      expect(othersAfter, context).toEqual(othersBefore);

      expect(upsertEnvValue(after, TARGET, value), context).toBe(after);
      // No new kind of line ending (a replaced multi-line value may take some away).
      const kinds = (t: string) => new Set(t.match(/\r\n|\n|\r/g) ?? []);
      for (const kind of kinds(after)) expect(kinds(before).has(kind) || !/[\r\n]/.test(before), context).toBe(true);
      expect(after.startsWith('\uFEFF'), context).toBe(before.startsWith('\uFEFF'));

      if (parsedBefore[TARGET] === undefined) {
        appendedCount++;
        const line = addedLine(before, after);
        expect(line, context).toBeDefined();
        expect(line?.startsWith(`${TARGET}=`), context).toBe(true);
        if (!after.startsWith(before)) prepended++;
      } else if (parsedBefore[TARGET] !== value) {
        inPlace++;
      }
    }
    // The generator must exercise every path, or the test proves little.
    expect(appendedCount).toBeGreaterThan(FILES / 10);
    expect(inPlace).toBeGreaterThan(FILES / 10);
    expect(refused).toBeLessThan(FILES / 20);
    // Prepending is the rare fallback when a line above would swallow an appended one.
    expect(prepended).toBeLessThan(FILES / 100);
  });

  it('parseEnv and findEnvValue match dotenv.parse for every key of the generated files', () => {
    const gen = generator(random(7));
    for (let n = 0; n < 2000; n++) {
      const text = gen.file();
      const parsed = dotenv.parse(text);
      expect(parseEnv(text), JSON.stringify(text)).toEqual(parsed);
      for (const key of Object.keys(parsed)) {
        expect(findEnvValue(text, key)?.value, JSON.stringify({ text, key })).toBe(parsed[key]);
      }
    }
  });
});
