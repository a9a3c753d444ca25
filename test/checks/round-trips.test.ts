import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/run-checks.js';
import type { Target } from '../../src/target.js';
import { createClient } from '../../src/cloudflare/client.js';
import type { CloudflareClient } from '../../src/cloudflare/types.js';
import { fakeHex32, fakeTokenValue, sampleWorld } from '../../src/stand-in/index.js';
import type { StandInToken } from '../../src/stand-in/index.js';
import { readTokenShape } from '../../src/token/shape.js';
import { testDeps } from '../support/deps.js';
import { useStandIn } from '../support/stand-in.js';

// How many dependent rounds of requests a check needs, counted without a clock: every request waits at a
// gate that opens, for all waiting requests at once, only when nothing is in flight any more. Each opening
// is one round trip a user pays in latency (the bench measures the same at 300 ms: README, "Speed and size").

const sample = sampleWorld();
const ACME = sample.account.id;
const many = Array.from({ length: 4999 }, (_, i) => ({ id: fakeHex32(`rounds-account:${i}`), name: `Rounds ${i}` }));
sample.world.accounts.push(...many);
const wide = (n: number): StandInToken => ({
  ...sample.tokens.complete,
  value: fakeTokenValue(`rounds:${n}`, 'cfut'),
  id: fakeHex32(`rounds-token:${n}`),
  accounts: [ACME, ...many.slice(0, n - 1).map((a) => a.id)],
});
const reach500 = wide(500);
const reach5000 = wide(5000);
sample.world.tokens.push(reach500, reach5000);

const standIn = useStandIn({ world: sample.world });

function gated(inner: CloudflareClient): { client: CloudflareClient; rounds: () => number } {
  let rounds = 0;
  let inFlight = 0;
  let waiting: Array<() => void> = [];
  let timer: NodeJS.Timeout | undefined;
  const settleSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(open, 15);
  };
  const open = () => {
    if (inFlight > 0 || waiting.length === 0) return;
    rounds++;
    const batch = waiting;
    waiting = [];
    for (const go of batch) go();
  };
  return {
    rounds: () => rounds,
    client: {
      async request(...args: Parameters<CloudflareClient['request']>) {
        await new Promise<void>((go) => {
          waiting.push(go);
          settleSoon();
        });
        inFlight++;
        try {
          return await inner.request(...args);
        } finally {
          inFlight--;
          settleSoon();
        }
      },
    } as CloudflareClient,
  };
}

const nested: Target = { domain: 'example.com', domainStyle: 'nested', purpose: 'deploy', slug: 'acme' };

async function roundsFor(token: string, accountId: string | null) {
  const deps = testDeps();
  const shape = readTokenShape(token);
  if (!shape.ok) throw new Error('not a token');
  const real = createClient({ baseUrl: standIn.baseUrl, token: shape.token, fetch: deps.fetch, sleep: deps.sleep, userAgent: 'mastrakit/test' });
  const { client, rounds } = gated(real);
  const report = await runChecks(client, { format: shape.format, accountId, target: nested, now: new Date('2026-11-27T12:00:00Z') });
  return { rounds: rounds(), report };
}

describe('dependent rounds of requests (issue 9: two for every token and any number of accounts)', () => {
  it('one keep-alive pool for the run: the second round reuses the first round\'s connections', async () => {
    const connectionsBefore = standIn.connections();
    const requestsBefore = standIn.requests.length;
    const { report } = await roundsFor(sample.tokens.complete.value, ACME);
    expect(report.missing).toEqual([]);
    const sent = standIn.requests.slice(requestsBefore);
    const opened = standIn.connections() - connectionsBefore;
    // Round 1 sends its 8 requests at once, each on a connection of its own; round 2's 4 reuse them.
    // (First in this file: a run that ended early may leave probes in flight that open connections.)
    expect(sent).toHaveLength(12);
    expect(opened).toBe(8);
  });

  it.each([
    ['a user token, account id known', sample.tokens.complete.value, ACME],
    ['a user token, no account id', sample.tokens.complete.value, null],
    ['an account-owned token, account id known', sample.tokens.accountOwned.value, ACME],
    ['an account-owned token, no account id (verify and probes at its account together)', sample.tokens.accountOwned.value, null],
    ['a token reaching 500 accounts, account id known', reach500.value, ACME],
    ['a token reaching 5,000 accounts, account id known', reach5000.value, ACME],
  ])('%s: 2 rounds, every check passing', async (_name, token, accountId) => {
    const { rounds, report } = await roundsFor(token, accountId);
    expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    expect(rounds).toBe(2);
  });

  it('5,000 accounts with the id known: the true count, from total_count, in one page', async () => {
    const { report } = await roundsFor(reach5000.value, ACME);
    expect(report.checks.find((c) => c.id === 'accounts')?.message).toBe('⚠ token reaches 5000 accounts: Account Resources is probably left at "All accounts"');
    const pages = standIn.requests.filter((r) => r.tokenId === reach5000.id && r.path.startsWith('/client/v4/accounts?'));
    expect(new Set(pages.map((r) => new URLSearchParams(r.path.split('?')[1]).get('page')))).toEqual(new Set(['1']));
  });

  it('no account id and 500 accounts: the first page, then the other nine at once: 2 rounds, then the choice', async () => {
    const { rounds, report } = await roundsFor(reach500.value, null);
    expect(report.accountChoices?.items).toHaveLength(500);
    expect(rounds).toBe(2);
  });

  it('a missing row is asked once more, in one extra round', async () => {
    const { rounds, report } = await roundsFor(sample.tokens.missingDnsEdit.value, ACME);
    expect(report.missing).toEqual(['com.cloudflare.edge.dns.write']);
    expect(rounds).toBe(3);
  });
});
