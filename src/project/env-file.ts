import { LocalError } from '../errors.js';

/**
 * Reads and edits dotenv text without disturbing anything but the one value.
 *
 * Which line "counts" is decided by the same regular expression dotenv 18's default `parse` uses
 * (same alternatives, same order; only extra capture groups added so the pieces can be located),
 * applied the same way: `\r\n` and lone `\r` read as `\n`, every match in order, the last match of a
 * key wins. The test suite compares this against `dotenv.parse` itself over thousands of generated files.
 */
const LINE =
  /^(\s*(?:export\s+)?)([\w.-]+)(\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/dgm;
/** The same without match indices, for whole-file scans where only the text matters (twice as fast). */
const LINE_TEXT = new RegExp(LINE.source, 'gm');

const KEY = /^[\w.-]+$/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const PLAIN_VALUE = /^[\w.\-:/@+,%=~^]*$/;

interface Occurrence {
  key: string;
  value: string;
  /** 1-based line of the key. */
  line: number;
  /** Offsets in the original text of the raw value (what dotenv trims and unquotes); equal when there is none. */
  valueStart: number;
  valueEnd: number;
}

/** dotenv's post-processing of a raw value, step for step. */
function dotenvValue(raw: string): string {
  let value = raw.trim();
  const first = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
  if (first === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}

/** Line breaks read the way dotenv reads them, with the offsets of the dropped `\r`s in the result. */
function normalise(text: string): { normal: string; dropped: number[] } {
  const dropped: number[] = [];
  if (!text.includes('\r')) return { normal: text, dropped };
  const normal = text.replace(/\r\n?/g, (match, offset: number) => {
    if (match.length === 2) dropped.push(offset - dropped.length);
    return '\n';
  });
  return { normal, dropped };
}

/** What `dotenv.parse(text)` returns, computed the same way (and faster on big files). */
export function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const { normal } = normalise(text);
  const line = new RegExp(LINE_TEXT);
  for (let m = line.exec(normal); m !== null; m = line.exec(normal)) values[m[2] as string] = dotenvValue(m[4] ?? '');
  return values;
}

/** Every match of `key` in file order, with offsets mapped back to the original (un-normalised) text. */
function occurrences(text: string, key: string): Occurrence[] {
  const { normal, dropped } = normalise(text);
  const original = (p: number): number => {
    let lo = 0;
    let hi = dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((dropped[mid] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    return p + lo;
  };

  const found: Occurrence[] = [];
  let lineAt = 0;
  let line = 1;
  LINE.lastIndex = 0;
  for (let m = LINE.exec(normal); m !== null; m = LINE.exec(normal)) {
    if (m[2] !== key) continue;
    const indices = m.indices as RegExpIndicesArray;
    const keyStart = (indices[2] as [number, number])[0];
    for (let i = normal.indexOf('\n', lineAt); i !== -1 && i < keyStart; i = normal.indexOf('\n', i + 1)) line++;
    lineAt = keyStart;
    const span = indices[4] ?? [(indices[3] as [number, number])[1], (indices[3] as [number, number])[1]];
    found.push({
      key,
      value: dotenvValue(m[4] ?? ''),
      line,
      valueStart: original(span[0]),
      valueEnd: original(span[1]),
    });
  }
  return found;
}

/** The value dotenv gives `key` and the line it comes from (the last occurrence wins, as in dotenv). */
export function findEnvValue(text: string, key: string): { value: string; line: number } | undefined {
  const last = occurrences(text, key).at(-1);
  return last && { value: last.value, line: last.line };
}

/** Lines of the occurrences of `key` that dotenv ignores because a later one wins; empty when there is one or none. */
export function duplicateLines(text: string, key: string): number[] {
  return occurrences(text, key)
    .slice(0, -1)
    .map((o) => o.line);
}

/** The file's most common line ending; LF when it has none. */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (const match of text.matchAll(/\r\n|\n|\r/g)) {
    if (match[0] === '\r\n') crlf++;
    else if (match[0] === '\n') lf++;
    else cr++;
  }
  if (crlf > lf && crlf >= cr) return '\r\n';
  if (cr > lf && cr > crlf) return '\r';
  return '\n';
}

/** How `value` may be written, plainest first; each is still verified before use. */
function spellings(value: string, keepQuote: string | undefined): string[] {
  // Quote kinds the value does not contain first; a value that was quoted keeps its kind when it can.
  const quotes = ["'", '"', '`']
    .filter((q) => !value.includes(q))
    .sort((a, b) => Number(b === keepQuote) - Number(a === keepQuote));
  const quoted = [...quotes, ...["'", '"', '`'].filter((q) => value.includes(q))].map((q) => q + value + q);
  if (!PLAIN_VALUE.test(value)) return quoted;
  return keepQuote && quotes.includes(keepQuote) ? [quoted[0] as string, value, ...quoted.slice(1)] : [value, ...quoted];
}

/**
 * True when dotenv reads `after` as it reads `before` except that `key` is now `value`. The fast
 * path walks both files' entries side by side (same entries apart from `key` means same result);
 * only when they differ are both files parsed whole and compared key by key.
 */
function parsesAs(before: string, after: string, key: string, value: string): boolean {
  const a = normalise(before).normal;
  const b = normalise(after).normal;
  const ra = new RegExp(LINE_TEXT);
  const rb = new RegExp(LINE_TEXT);
  const next = (re: RegExp, text: string): RegExpExecArray | null => {
    let m = re.exec(text);
    while (m !== null && m[2] === key) m = re.exec(text);
    return m;
  };
  let same = true;
  for (;;) {
    const ma = next(ra, a);
    const mb = next(rb, b);
    if (ma === null || mb === null) {
      same = ma === mb;
      break;
    }
    if (ma[2] !== mb[2] || (ma[4] !== mb[4] && dotenvValue(ma[4] ?? '') !== dotenvValue(mb[4] ?? ''))) {
      same = false;
      break;
    }
  }
  if (findEnvValue(after, key)?.value !== value) return false;
  if (same) return true;
  const was = parseEnv(before);
  const now = parseEnv(after);
  for (const k of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (k !== key && was[k] !== now[k]) return false;
  }
  return true;
}

function appended(text: string, line: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  if (text.length === bom.length) return bom + line + '\n';
  const eol = lineEnding(text);
  return /[\n\r]$/.test(text) ? text + line + eol : text + eol + line;
}

function prepended(text: string, line: string): string {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  return bom + line + lineEnding(text) + text.slice(bom.length);
}

/**
 * Sets `key` to `value`, changing nothing else: the occurrence dotenv counts is edited in place
 * (its `export `, spacing and inline comment kept), or one line is appended in the file's line ending.
 * The value is written plain when it is plain, else quoted so that `dotenv.parse` gives back exactly
 * `value`; a value that cannot be written that way (a line break, or every quote kind and more) throws.
 */
export function upsertEnvValue(text: string, key: string, value: string): string {
  if (!KEY.test(key)) throw new LocalError(`${JSON.stringify(key)} is not a dotenv key name.`);
  if (LINE_BREAK.test(value)) {
    throw new LocalError(`The value for ${key} contains a line break, which a dotenv line cannot hold.`);
  }
  if (findEnvValue(text, key)?.value === value) return text;

  const last = occurrences(text, key).at(-1);
  const candidates: string[] = [];
  if (last) {
    const raw = text.slice(last.valueStart, last.valueEnd);
    const lead = /^\s*/.exec(raw)?.[0] ?? '';
    const trail = /\s*$/.exec(raw.slice(lead.length))?.[0] ?? '';
    const keepLead = LINE_BREAK.test(lead) ? '' : lead;
    const head = text.slice(0, last.valueStart) + keepLead;
    const tail = trail + text.slice(last.valueEnd);
    const oldQuote = raw.trim()[0];
    for (const spelled of spellings(value, oldQuote)) candidates.push(head + spelled + tail);
  }
  // Appending is also a fallback: when an in-place edit would upset the lines around it, a last line wins.
  for (const spelled of spellings(value, undefined)) candidates.push(appended(text, `${key}=${spelled}`));
  // Nothing above a first line can reach into it; only useful when the key is new.
  if (!last) for (const spelled of spellings(value, undefined)) candidates.push(prepended(text, `${key}=${spelled}`));

  for (const candidate of candidates) {
    if (parsesAs(text, candidate, key, value)) return candidate;
  }
  throw new LocalError(`The value for ${key} cannot be written to a dotenv file so that it reads back unchanged.`);
}
