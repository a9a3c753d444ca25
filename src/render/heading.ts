import kleur from 'kleur';
import { hostNames } from '../project/hostname.js';
import type { Target } from '../target.js';
import { lastFour } from '../token/shape.js';

/** Where the deploy lands, for headings: `auth-acme.example.com (flat)`, or `*.workers.dev`. */
export function describeTarget(slug: string, target: Pick<Target, 'domain' | 'domainStyle' | 'purpose'>): string {
  if (target.domain === null) return '*.workers.dev';
  return `${hostNames(slug, target.domain)[target.domainStyle]} (${target.domainStyle})`;
}

/** The first line of doctor and of `setup --token-stdin`: which token, from where, for what. */
export function checkingLine(token: string | null, from: string, slug: string, target: Target, options: { color?: boolean } = {}): string {
  const four = token === null ? '' : lastFour(token);
  const tail = token === null ? '' : ` ${options.color === false ? four : kleur.dim(four)}`;
  const what = target.purpose === 'redeploy' ? 'a redeploy' : 'a deploy';
  return `Checking CLOUDFLARE_API_TOKEN${tail} from ${from} for ${what} to ${describeTarget(slug, target)}`;
}
