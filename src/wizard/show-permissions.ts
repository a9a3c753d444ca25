import type { PermissionRow } from '../permissions/rows.js';
import { rowsFor } from '../permissions/rows.js';
import { tokenName } from '../permissions/template-url.js';
import { hostNames } from '../project/hostname.js';
import type { Prompter } from '../ui/prompter.js';
import { wrapWords } from '../ui/wrap.js';
import type { ProjectAnswers } from './context.js';

/** clack's note box takes six columns of its own (bar, padding, border). */
const NOTE_FRAME = 6;
const WIDE = 96;

/** A row's reason, with the placeholder host name replaced by this project's real one. */
export function whyFor(row: PermissionRow, slug: string, answers: ProjectAnswers): string {
  if (answers.domain === null) return row.why;
  const host = hostNames(slug, answers.domain)[answers.domainStyle];
  return row.why.replace('auth-<slug>.<domain>', host);
}

/**
 * The permission table for exactly these answers. Wide terminals get four columns; narrower ones
 * (down to 60) get the reason on its own wrapped line under each row, so nothing is cut.
 */
export function permissionTable(slug: string, answers: ProjectAnswers, columns: number): string[] {
  const rows = rowsFor(answers);
  const width = Math.max(40, columns - NOTE_FRAME);
  const typeW = Math.max(4, ...rows.map((r) => r.type.length));
  const resW = Math.max(8, ...rows.map((r) => r.resource.length));
  const actW = Math.max(6, ...rows.map((r) => r.action.length));
  const head = (a: string, b: string, c: string) => `${a.padEnd(typeW)}  ${b.padEnd(resW)}  ${c.padEnd(actW)}`;
  const fixed = typeW + resW + actW + 6;
  const lines: string[] = [];
  if (columns >= WIDE) {
    const whyW = width - fixed - 2;
    lines.push(`${head('Type', 'Resource', 'Action')}  Why`);
    for (const row of rows) {
      const [first = '', ...rest] = wrapWords(whyFor(row, slug, answers), whyW);
      lines.push(`${head(row.type, row.resource, row.action)}  ${first}`);
      for (const more of rest) lines.push(`${' '.repeat(fixed + 2)}${more}`);
    }
    return lines;
  }
  lines.push(head('Type', 'Resource', 'Action').trimEnd());
  for (const row of rows) {
    lines.push(head(row.type, row.resource, row.action).trimEnd());
    for (const why of wrapWords(whyFor(row, slug, answers), width - 4)) lines.push(`    ${why}`);
  }
  return lines;
}

/** What to set on the form besides the rows: name, resources, TTL. */
export function formAdvice(slug: string, answers: ProjectAnswers): string[] {
  return [
    `Token name: ${tokenName(slug)}`,
    'Account Resources: Include → your account (not "All accounts").',
    answers.domain === null
      ? 'Zone Resources: none needed for *.workers.dev.'
      : zoneAdvice(answers.domain),
    'TTL: leave blank for no expiry, or set 1 year for hygiene.',
  ];
}

export const TEMPLATE_WARNING =
  'Use a Custom Token, not the "Edit Cloudflare Workers" template: that template cannot write DNS records or KV namespaces, and the deploy fails halfway with a misleading "Authentication error".';

/** Step 3: the rows, the form advice and the template warning. */
export function showPermissions(p: Prompter, ctx: { slug: string; answers: ProjectAnswers; columns: number }): void {
  const { slug, answers, columns } = ctx;
  const width = Math.max(40, columns - NOTE_FRAME);
  const advice = formAdvice(slug, answers).flatMap((line) => wrapWords(line, width));
  p.note([...permissionTable(slug, answers, columns), '', ...advice].join('\n'), 'The token needs these permissions');
  p.log.warn(TEMPLATE_WARNING);
}

/**
 * A subdomain is not a zone of its own: the token needs the zone it lives in. Which parent that is
 * cannot be known before the token can read zones, so the likeliest one is named as an example.
 */
export function zoneAdvice(domain: string): string {
  const labels = domain.split('.');
  if (labels.length <= 2) return `Zone Resources: Include → ${domain} (only this zone).`;
  return `Zone Resources: Include → the zone ${domain} is in (${labels.slice(-2).join('.')}, if that is the zone), and only it.`;
}
