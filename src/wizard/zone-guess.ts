import { getDomain } from 'tldts';

/**
 * The zone a domain most likely lives in, before any token can read zones: its registrable domain by
 * the public suffix list (`app.example.com` → `example.com`, `shop.example.co.uk` → `example.co.uk`).
 * Private suffixes count (`example.eu.org` can be a Cloudflare zone). Only the wizard's table needs a
 * guess: the live check reads the real zone, and the wizard says so when it differs. The domain itself
 * when the list knows no better.
 */
export function guessZoneApex(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: true }) ?? domain;
}
