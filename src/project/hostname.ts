import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { DomainStyle } from '../target.js';

type DomainCheck = { ok: true; domain: string; note?: string } | { ok: false; reason: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** The host a user probably meant when they typed more than one, for use in a hint. */
function bareHost(input: string): string {
  return input.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0]?.replace(/:\d*$/, '') ?? '';
}

function hint(input: string): string {
  const host = bareHost(input).toLowerCase();
  return host && !host.includes(':') ? host : 'example.com';
}

/**
 * Checks a custom domain the way Cloudflare and DNS will: a host name of at least two LDH labels.
 * Upper case and one trailing dot are forgiven (with a note); anything else wrong is refused with
 * one sentence saying what to type instead.
 */
export function normaliseDomain(input: string): DomainCheck {
  if (input === '') return { ok: false, reason: 'Enter a domain name, like example.com.' };
  if (/\s/.test(input)) return { ok: false, reason: 'A domain name cannot contain spaces.' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
  if (scheme) {
    return { ok: false, reason: `Drop the ${scheme[1]}:// and enter just the host name: ${hint(input)}.` };
  }
  if (/[/?#]/.test(input)) {
    return { ok: false, reason: `Enter just the host name, without a path: ${hint(input)}.` };
  }
  const bracketed = /^\[(.*)\](?::\d*)?$/.exec(input);
  if (isIP(bracketed?.[1] ?? input) || isIP(input.replace(/:\d*$/, '')) === 4) {
    return {
      ok: false,
      reason: 'That is an IP address; a custom domain is a host name on a Cloudflare zone, like app.example.com.',
    };
  }
  const port = /:(\d*)$/.exec(input);
  if (port) return { ok: false, reason: `Leave out the port (:${port[1]}) and enter just ${hint(input)}.` };
  if (input.includes('@')) return { ok: false, reason: 'Enter a host name like example.com, not an address with @.' };

  const notes: string[] = [];
  let domain = input;
  if (domain.endsWith('.')) {
    domain = domain.slice(0, -1);
    notes.push('removed the trailing dot');
  }
  if (/[^\x00-\x7f]/.test(domain)) {
    const ascii = domainToASCII(domain);
    return ascii
      ? { ok: false, reason: `Use the punycode form of this name: ${ascii}.` }
      : { ok: false, reason: 'That is not a valid host name.' };
  }
  if (domain !== domain.toLowerCase()) {
    domain = domain.toLowerCase();
    notes.push('lower-cased');
  }
  if (domain.includes('*')) {
    return { ok: false, reason: 'Wildcards (*) are not allowed: enter one host name, like app.example.com.' };
  }
  if (domain.includes('_')) return { ok: false, reason: 'Host names cannot contain underscores (_).' };
  const bad = /[^a-z0-9.-]/.exec(domain);
  if (bad) {
    return { ok: false, reason: `Host names use only letters, digits, hyphens and dots, not ${JSON.stringify(bad[0])}.` };
  }
  const labels = domain.split('.');
  if (labels.some((l) => l === '')) {
    return { ok: false, reason: 'That host name has an empty label (a leading dot or two dots in a row).' };
  }
  if (labels.length < 2) {
    return { ok: false, reason: `${domain} is a single label; a custom domain has at least two, like example.com.` };
  }
  const long = labels.find((l) => l.length > 63);
  if (long) return { ok: false, reason: `The label ${long.slice(0, 12)}… is longer than 63 characters.` };
  if (domain.length > 253) return { ok: false, reason: 'That host name is longer than 253 characters.' };
  const hyphen = labels.find((l) => !LABEL.test(l));
  if (hyphen) return { ok: false, reason: `The label "${hyphen}" starts or ends with a hyphen.` };
  if (/^\d+$/.test(labels.at(-1) as string)) {
    return { ok: false, reason: 'The last label of a host name cannot be all digits.' };
  }
  if (labels.some((l) => l.startsWith('xn--')) && domainToASCII(domain) === '') {
    return { ok: false, reason: 'That host name has an xn-- label that is not valid punycode.' };
  }
  if (notes.length === 0) return { ok: true, domain };
  const note = notes.join(' and ');
  return { ok: true, domain, note: `${note[0]?.toUpperCase()}${note.slice(1)}: ${domain}.` };
}

/** The auth service's host name in each domain style. */
export function hostNames(slug: string, domain: string): Record<DomainStyle, string> {
  return { flat: `auth-${slug}.${domain}`, nested: `auth.${slug}.${domain}` };
}

/** The domain, then each parent down to two labels: where the zone may be (app.example.com → example.com). */
export function zoneCandidates(domain: string): string[] {
  const labels = domain.split('.');
  const names: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) names.push(labels.slice(i).join('.'));
  return names.length > 0 ? names : [domain];
}

/** How many labels `host` lies below `apex` (`auth.acme.example.com` below `example.com`: 2); -1 when it is not under it. */
export function labelsBelow(host: string, apex: string): number {
  if (host === apex) return 0;
  if (!host.endsWith(`.${apex}`)) return -1;
  return host.split('.').length - apex.split('.').length;
}
