import { describe, expect, it } from 'vitest';
import { describeSightings, findSightings, sampleSecrets, scanRecorded } from './secret-scan.js';

// The scanner itself, called directly: recording a token here would (rightly) fail this file through
// the suite-wide hook in secret-scan.setup.ts.

const [token, other] = sampleSecrets() as [string, string];

describe('findSightings', () => {
  it('reports a token seen in any text, naming where and never the token', () => {
    const sightings = findSightings(
      [
        { source: 'bin stderr', text: '✖ Cannot write .env.dev-secrets: the file is read-only.' },
        { source: 'pty screen', text: `│  ${token}\n└` },
        { source: 'stand-in request log', text: `{"method":"GET","path":"/client/v4/zones?name=${other}"}` },
      ],
      [token, other],
    );
    expect(sightings.map((s) => s.source)).toEqual(['pty screen', 'stand-in request log']);
    expect(sightings[0]?.index).toBe(3);
    const message = describeSightings(sightings);
    expect(message).toContain('A token appeared in output 2 time(s)');
    expect(message).toContain(`…${token.slice(-4)}`);
    expect(message).not.toContain(token);
    expect(message).not.toContain(other);
  });

  it('finds nothing in the last four characters alone, or in clean text', () => {
    expect(findSightings([{ source: 'bin stdout', text: `Checking CLOUDFLARE_API_TOKEN …${token.slice(-4)}` }], [token])).toEqual([]);
  });
});

describe('scanRecorded', () => {
  it('checks against every sample token of the stand-in at least', () => {
    const scan = scanRecorded();
    expect(scan.secrets).toBeGreaterThanOrEqual(sampleSecrets().length);
    expect(scan.sightings).toEqual([]);
  });
});
