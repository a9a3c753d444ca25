/**
 * Strings a server sent (account and zone names, error messages, dates, statuses), made safe to show.
 * Applied once, where an answer enters the program (the client's reading of the envelope), so every
 * later use (check lines, the wizard's picker, errors, `--json`) holds only safe text and no renderer
 * can forget it. Whoever owns an account the token reaches chooses its name, and a proxy or mirror
 * chooses everything else.
 */

/** Longer strings are cut: no real name or message comes close, and a screenful of text can hide a line. */
const MAX_SERVER_TEXT = 200;

/**
 * Control characters (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width marks)
 * and line/paragraph separators: shown as escapes, never sent to the terminal.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** `\x1b`, `\r`, `\u202e`: how an unsafe character is shown. */
function escapeChar(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\u{${code.toString(16)}}`;
}

/** Escapes what a terminal would act on, and cuts a long string with an ellipsis (by code point). */
export function safeText(value: string, max = MAX_SERVER_TEXT): string {
  const escaped = value.replace(UNSAFE, escapeChar);
  const chars = Array.from(escaped);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : escaped;
}

const REDACTED = '[redacted]';
/** In a /u pattern a paired surrogate is one code point, so only a lone one is category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Removes the token, and whatever follows `Bearer ` (a proxy quoting the Authorization header, or a
 * token mastrakit never saw), from a server's string. Runs before escaping and cutting, so neither can
 * split the token out of reach.
 */
export function redact(value: string, token: string): string {
  const bearer = value.replace(/\b(Bearer\s+)[^\s"'<>,;)\]}]+/gi, (_, word: string) => `${word}${REDACTED}`);
  return token.length > 0 ? bearer.split(token).join(REDACTED) : bearer;
}

/** Thrown for a string that is not well-formed UTF-16 (a lone surrogate), or nesting no answer has: not Cloudflare's JSON. */
export class BadServerText extends Error {
  constructor(why: string) {
    super(why);
    this.name = 'BadServerText';
  }
}

/**
 * Every string in a parsed JSON value, keys included, redacted and made safe. Bounded in depth: a
 * deeper value is not Cloudflare's (its answers nest a few levels at most).
 */
export function cleanStrings(value: unknown, token: string, depth = 0): unknown {
  if (depth > 32) throw new BadServerText('the answer nests deeper than any of Cloudflare\'s');
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new BadServerText('a string in the answer holds a lone surrogate');
    return safeText(redact(value, token));
  }
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, token, depth + 1));
  if (typeof value === 'object' && value !== null) {
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (LONE_SURROGATE.test(k)) throw new BadServerText('a key in the answer holds a lone surrogate');
        return [safeText(k), cleanStrings(v, token, depth + 1)];
      }),
    );
  }
  return value;
}
