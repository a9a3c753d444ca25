import { safeText } from '../cloudflare/server-text.js';
import type { CfAnswer } from '../cloudflare/types.js';

/** Every sentence `setup --create` says that the checks engine does not, in the docs page's voice. */

export const TOKENS_PAGE = 'https://dash.cloudflare.com/profile/api-tokens';
export const BOOTSTRAP_TEMPLATE = '"Create Additional Tokens"';

/** "HTTP 400, code 1001: <message>"; the client made the message safe already (server-text.ts), this keeps it short. */
export function describeRefusal(answer: Pick<CfAnswer, 'status' | 'errors'>): string {
  const first = answer.errors[0];
  return first ? `HTTP ${answer.status}, code ${first.code}: ${safeText(first.message, 160)}` : `HTTP ${answer.status}`;
}

export const create = {
  way: 'How do you want to create the token?',
  wayDashboard: 'In the Cloudflare dashboard',
  // *.workers.dev has no zone row, so its form has no Zone Resources to set.
  wayDashboardHint: (zones: boolean) => `a pre-filled form; you set ${zones ? 'Account and Zone Resources' : 'Account Resources'}`,
  wayCreate: 'Let mastrakit create it',
  wayCreateHint: 'from a short-lived bootstrap token; scoped to one account and one zone for you',

  bootstrapSteps: [
    'mastrakit creates the token for you, using a short-lived bootstrap token that may only manage API tokens:',
    `1. On the page below: Create Token → the ${BOOTSTRAP_TEMPLATE} template → Use template.`,
    '2. TTL: set the end date to tomorrow (a day is plenty), then Continue to summary → Create Token.',
    '3. Copy it and paste it here. It is used for this run only: never saved, never shown, and deleted at the end if you agree.',
  ],
  bootstrapPrompt: 'Paste the bootstrap token. Input is hidden. If Ctrl+V does not paste, try Shift+Insert, Ctrl+Shift+V or a right-click.',
  gotBootstrap: 'Got the bootstrap token.',
  globalKey: `This is a Global API Key, not an API token: make a short-lived token from the ${BOOTSTRAP_TEMPLATE} template and paste that.`,
  wrongKind: (what: string) => `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}: make a short-lived token from the ${BOOTSTRAP_TEMPLATE} template and paste that.`,
  bootstrapInvalid: `❌ 401 invalid api token: the bootstrap token was revoked, expired, or pasted wrong. Make a new one from the ${BOOTSTRAP_TEMPLATE} template.`,
  bootstrapInactive: (status: string) => `❌ the bootstrap token is ${safeText(status, 20)}: make a new one from the ${BOOTSTRAP_TEMPLATE} template.`,
  noTokensRight: `❌ this token may not manage API tokens: make the bootstrap token from the ${BOOTSTRAP_TEMPLATE} template (API Tokens: Edit) and paste that.`,
  createRefused: (detail: string) =>
    `❌ Cloudflare refused to create the token (${detail}): the bootstrap token needs API Tokens: Edit; make it from the ${BOOTSTRAP_TEMPLATE} template. Nothing was created.`,
  createRejected: (detail: string) => `❌ Cloudflare did not create the token (${detail}). Nothing was created.`,
  createUnanswered: (why: string, name: string) =>
    `${why} The token "${name}" may have been created all the same: look for it at ${TOKENS_PAGE} and delete it if it is there.`,
  groupsMissing: (names: readonly string[]) =>
    `Cloudflare lists no permission group named ${names.map((n) => `"${n}"`).join(', ')}: create the token in the dashboard instead (\`mastrakit setup\`, then "In the Cloudflare dashboard").`,
  groupsUnreadable: (detail: string) => `Cloudflare did not list the permission groups (${detail}).`,

  accountPrompt: 'Which Cloudflare account? Paste its account id (32 characters: the dashboard shows it in the address bar, and on the account Overview page, under API).',
  accountInvalid: 'An account id is 32 characters of 0-9 and a-f, from the dashboard address bar or the account Overview page.',
  accountChoose: 'Which account does this project deploy to?',
  noAccountStdin:
    'Which Cloudflare account? A bootstrap token cannot list accounts: add --account-id <id> (or set CF_ACCOUNT_ID). Nothing was created.',
  severalAccountsStdin: 'The bootstrap token reaches several accounts: add --account-id <id> to say which. Nothing was created.',

  expiryPrompt: 'When should the token expire?',
  expiryYear: (date: string) => `In one year (${date})`,
  expiryYearHint: 'recommended',
  expiryNever: 'Never',
  expiryOther: 'Another date',
  expiryDatePrompt: 'Expiry date (YYYY-MM-DD)',

  confirmTitle: 'mastrakit will create this token',
  confirm: 'Create this token in your Cloudflare account?',
  nameTaken: (base: string, name: string) => `A token named ${base} exists already: the new one is named ${name}.`,
  yesNeeded:
    'setup --create --token-stdin creates a token in your Cloudflare account: add --yes to confirm (nothing was created).',
  cancelledBeforeCreate: 'Cancelled. Nothing was created or written.',

  creating: 'Creating the token',
  created: (name: string) => `Created the token ${name}`,
  narrowed: (name: string, zone: string) => `Created the token ${name}, its Zone Resources narrowed to the zone ${safeText(zone, 80)}`,
  zoneNotFound: (domain: string, account: string) =>
    `❌ no zone holding ${domain} in ${account}: check the domain, and that it is added to this Cloudflare account.`,
  narrowFailed: (detail: string) => `❌ Cloudflare did not narrow the token to the zone (${detail}).`,
  notPropagated: 'Cloudflare did not accept the new token in time (it may still be propagating).',
  checking: 'Checking the new token with Cloudflare',
  tooWide: 'The new token reaches more than the one account and zone it was made for, so it is not saved.',

  rolledBack: (name: string) => `Deleted the token ${name} again: nothing was saved.`,
  rollbackFailed: (name: string, id: string, why: string) =>
    `Could not delete the token just created (${why}): delete "${name}" (id ${id}) at ${TOKENS_PAGE}.`,

  savedBeforeStop: (name: string) =>
    `Saved the token ${name} to .env.dev-secrets before stopping. The bootstrap token is kept: delete it at ${TOKENS_PAGE}.`,

  cancelledAfterSave: (name: string) =>
    `Cancelled. The new token is saved (${name}, in .env.dev-secrets). Kept the bootstrap token: delete it at ${TOKENS_PAGE} once you are done (it expires on its own if you gave it a TTL).`,
  deleteBootstrap: 'Delete the bootstrap token now? It is not needed any more.',
  bootstrapDeleted: 'Deleted the bootstrap token.',
  bootstrapKept: `Kept the bootstrap token: delete it at ${TOKENS_PAGE} once you are done (it expires on its own if you gave it a TTL).`,
  bootstrapDeleteFailed: (why: string) => `Could not delete the bootstrap token (${why}): delete it at ${TOKENS_PAGE}.`,

  deleteOlder: (name: string, ids: readonly string[]) =>
    `An older token named ${name} exists (id ${ids.join(', ')}). Delete it? Say no if anything (CI, a teammate) still uses it.`,
  olderDeleted: (name: string, id: string) => `Deleted the older token ${name} (id ${id}).`,
  olderKept: (name: string, ids: readonly string[]) =>
    `Kept the older token${ids.length === 1 ? '' : 's'} named ${name} (id ${ids.join(', ')}): delete ${ids.length === 1 ? 'it' : 'them'} at ${TOKENS_PAGE} once nothing uses ${ids.length === 1 ? 'it' : 'them'}.`,
  olderDeleteFailed: (name: string, id: string, why: string) => `Could not delete the older token ${name} (id ${id}, ${why}): delete it at ${TOKENS_PAGE}.`,

} as const;
