import type { PermissionRow } from '../permissions/rows.js';
import { needsAdvancedCertificate, rowsFor } from '../permissions/rows.js';
import { withDeclaredRows } from '../permissions/wrangler-rows.js';
import type { Declared } from '../project/wrangler-facts.js';
import { tokenName } from '../permissions/template-url.js';
import { lackedByWorkersTemplate } from '../permissions/workers-template.js';
import { hostNames, labelsBelow } from '../project/hostname.js';
import type { Prompter } from '../ui/prompter.js';
import { wrapWords } from '../ui/wrap.js';
import type { ProjectAnswers } from '../target.js';
import { guessZoneApex } from './zone-guess.js';

/** The answers, and the zone the table assumes (the public suffix list's guess unless given). */
type TableAnswers = ProjectAnswers & { zoneApex?: string };

function apexOf(answers: TableAnswers): string | null {
  return answers.domain === null ? null : (answers.zoneApex ?? guessZoneApex(answers.domain));
}

/** The rows the table shows and the template URL holds: for the guessed zone, until the live check knows. */
export function tableRows(answers: TableAnswers, declared: Declared | null = null): PermissionRow[] {
  return withDeclaredRows(rowsFor({ ...answers, zoneApex: apexOf(answers) }), declared);
}

/** clack's note box takes six columns of its own (bar, padding, border). */
const NOTE_FRAME = 6;
const WIDE = 96;

/** A row's reason, with the placeholder host name replaced by this project's real one. */
function whyFor(row: PermissionRow, slug: string, answers: TableAnswers): string {
  if (answers.domain === null) return row.why;
  const host = hostNames(slug, answers.domain)[answers.domainStyle];
  const apex = apexOf(answers) ?? answers.domain;
  if (row.id === 'ssl-edit' && !(answers.domainStyle === 'nested' && answers.domain === apex)) {
    return `provisioning the ACM certificate for ${host}: ${levels(labelsBelow(host, apex))} below the zone ${apex}, beyond Universal SSL`;
  }
  return row.why.replace('auth-<slug>.<domain>', host);
}

function levels(n: number): string {
  return `${['no', 'one', 'two', 'three', 'four'][n] ?? n} level${n === 1 ? '' : 's'}`;
}

/**
 * When the table's zone is a guess that matters (the domain is a subdomain of it): say where it came
 * from, and that the live check uses the real zone.
 */
export function zoneGuessNote(answers: TableAnswers): string | null {
  const apex = apexOf(answers);
  if (answers.domain === null || apex === null || apex === answers.domain) return null;
  return `These rows take ${apex} as the zone of ${answers.domain} (from the public suffix list); the live check reads the real zone and says so if it differs.`;
}

/**
 * The permission table for exactly these answers. Wide terminals get four columns; narrower ones
 * (down to 60) get the reason on its own wrapped line under each row, so nothing is cut.
 */
export function permissionTable(slug: string, answers: TableAnswers, columns: number, declared: Declared | null = null): string[] {
  const rows = tableRows(answers, declared);
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
export function formAdvice(slug: string, answers: TableAnswers): string[] {
  const note = zoneGuessNote(answers);
  return [
    `Token name: ${tokenName(slug)}`,
    'Account Resources: Include → your account (not "All accounts").',
    // *.workers.dev needs no zone row, so the form's Zone Resources section does not appear at all.
    ...(answers.domain === null ? [] : [zoneAdvice(answers.domain, apexOf(answers) ?? answers.domain)]),
    'TTL: leave blank for no expiry, or set 1 year for hygiene.',
    ...(note ? [note] : []),
  ];
}

/** "A", "A and B", "A, B and C". */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Our sentence, not the docs page's (which says the template cannot write KV namespaces, while the
 * template does hold Workers KV Storage: Edit): what the template really lacks for these rows, or, where
 * it lacks none, that it grants more than the deploy needs.
 */
function templateWarning(rows: readonly PermissionRow[]): string {
  const lacked = lackedByWorkersTemplate(rows).map((row) => `${row.resource}: ${row.action}`);
  if (lacked.length === 0) {
    return 'Use a Custom Token, not the "Edit Cloudflare Workers" template: it holds these rows but also Workers R2 Storage, Workers Tail, Workers Routes and your user details, which this deploy does not need.';
  }
  return `Use a Custom Token, not the "Edit Cloudflare Workers" template: for this deploy it lacks ${listOf(lacked)}, and the deploy fails halfway with a misleading "Authentication error".`;
}

/** Step 3: the rows, the form advice and the template warning. */
export function showPermissions(
  p: Prompter,
  ctx: { slug: string; answers: TableAnswers; columns: number; declared?: Declared | null; notes?: string[]; dashboard?: boolean },
): void {
  const { slug, answers, columns } = ctx;
  // With `setup --create` no one fills in the dashboard's form: the rows stay, the form advice and the
  // template warning go (the confirmation screen says what mastrakit will set instead).
  const dashboard = ctx.dashboard ?? true;
  const width = Math.max(40, columns - NOTE_FRAME);
  const guess = zoneGuessNote(answers);
  const advice = (dashboard ? formAdvice(slug, answers) : guess ? [guess] : []).flatMap((line) => wrapWords(line, width));
  const body = [...permissionTable(slug, answers, columns, ctx.declared ?? null), ...(advice.length > 0 ? ['', ...advice] : [])];
  p.note(body.join('\n'), 'The token needs these permissions');
  for (const note of ctx.notes ?? []) p.log.info(note);
  if (dashboard) p.log.warn(templateWarning(tableRows(answers)));
}

/**
 * A subdomain is not a zone of its own: the token needs the zone it lives in. Which parent that is
 * cannot be known before the token can read zones, so the likeliest one (the public suffix list's
 * registrable domain) is named as an example.
 */
export function zoneAdvice(domain: string, apex: string = guessZoneApex(domain)): string {
  // The dashboard's three controls, in the order they are set.
  if (apex === domain) return `Zone Resources: Include → Specific zone → ${domain}.`;
  return `Zone Resources: Include → Specific zone → ${apex} (the zone ${domain} is in, if that is the zone).`;
}

/** Whether the host is beyond Universal SSL for the zone the table assumes (the style question's hint). */
export function beyondUniversalSsl(answers: TableAnswers): boolean {
  return needsAdvancedCertificate({ ...answers, zoneApex: apexOf(answers) });
}
