import { sampleWorld } from '../../src/stand-in/samples.js';

/**
 * The suite-wide secrecy check (README, "How the checks work, and what they never do": never the token
 * in any output). The support helpers record everything a program showed (bin stdout/stderr, pty
 * screens and raw bytes, captured Deps stdio, the scripted prompter's transcript, stand-in request logs) and every token a test handed
 * in; test/support/secret-scan.setup.ts scans it all after each test file and fails the file on any
 * sighting. Module state on purpose: vitest gives each test file its own copy.
 */

export interface Recorded {
  /** Where the text was seen, for the failure message: "bin stdout", "pty screen", ... */
  source: string;
  text: string;
}

export interface Sighting {
  source: string;
  /** The secret, masked: its length and last four characters, never the value. */
  secret: string;
  /** Where in the text, so the message can show the surroundings without the secret. */
  index: number;
}

/** Shorter strings are not credentials, and would be found innocently in ordinary text. */
const MIN_SECRET = 20;
/** A 32-hex id (account, zone, token id) is shown on purpose; it is not a credential. */
const PUBLIC_ID = /^[0-9a-f]{32}$/;

const recorded: Recorded[] = [];
const secrets = new Set<string>();

/** Every sample token of the stand-in: any test may have used one. */
export function sampleSecrets(): string[] {
  return Object.values(sampleWorld().tokens).map((t) => t.value);
}

/** Adds a value that must never appear in any recorded output (ignored when too short to be a credential). */
export function registerSecret(value: string | undefined): void {
  if (value === undefined) return;
  const trimmed = value.trim();
  if (trimmed.length >= MIN_SECRET && !PUBLIC_ID.test(trimmed)) secrets.add(trimmed);
}

/**
 * Registers whatever in a pasted or piped text could be a credential: the whole text and each piece
 * between blanks, quotes and `=` (so `Bearer <token>`, `KEY="<token>"` and a token cut by a newline count).
 */
export function registerSecretsIn(text: string | undefined): void {
  if (text === undefined) return;
  registerSecret(text);
  for (const piece of text.split(/[\s"'`=]+/)) registerSecret(piece);
}

/** Something a program showed or logged. */
export function recordOutput(source: string, text: string | undefined): void {
  if (text) recorded.push({ source, text });
}

/** Every secret's every sighting in the texts. Pure: the hook and the scanner's own test both use it. */
export function findSightings(texts: readonly Recorded[], values: Iterable<string>): Sighting[] {
  const out: Sighting[] = [];
  const list = [...values];
  for (const { source, text } of texts) {
    for (const secret of list) {
      const index = text.indexOf(secret);
      if (index >= 0) out.push({ source, secret: mask(secret), index });
    }
  }
  return out;
}

/** What the hook checks: everything recorded in this file against the samples and every registered secret. */
export function scanRecorded(): { sightings: Sighting[]; texts: number; secrets: number } {
  const all = new Set([...sampleSecrets(), ...secrets]);
  return { sightings: findSightings(recorded, all), texts: recorded.length, secrets: all.size };
}

export function describeSightings(sightings: readonly Sighting[]): string {
  const lines = sightings.slice(0, 10).map((s) => `  a token (${s.secret}) in ${s.source} at offset ${s.index}`);
  const more = sightings.length > 10 ? [`  and ${sightings.length - 10} more`] : [];
  return [`A token appeared in output ${sightings.length} time(s):`, ...lines, ...more].join('\n');
}

function mask(secret: string): string {
  return `${secret.length} characters, …${secret.slice(-4)}`;
}
