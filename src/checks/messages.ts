import type { PermissionRow } from '../permissions/rows.js';

/**
 * Every line a check can show, in the docs page's voice. The `❌` lines marked "docs" are the contract of
 * the docs page mastrakit implements ("Cloudflare API Token", /docs/keys/cloudflare-api-token), word for word.
 */
const PASS = '✔';
export const FAIL = '❌';
export const WARN = '⚠';

// The docs page links its host text to this address; a terminal shows the address itself (most make it clickable).
export const TOKENS_PAGE = 'https://dash.cloudflare.com/profile/api-tokens';
const EDIT_TOKEN = `Re-edit the token at ${TOKENS_PAGE} → click the token name → Edit → fix it → Continue to summary → Save. The same token keeps working.`;

/** The most accounts a message lists, one a line; the rest are counted. */
const MAX_LISTED = 10;

export const text = {
  // docs
  invalidToken: `${FAIL} 401 invalid api token`,
  invalidTokenFix: 'Token was revoked, expired, or pasted wrong. Re-create.',
  // docs
  missingPermission: (row: PermissionRow) => `${FAIL} missing permission: ${row.key}`,
  // docs
  noAccountAccess: (accountId: string) => `${FAIL} token does not have access to account ${accountId}`,
  noAccountAccessFix:
    "Token's Account Resources don't include the account from your `CF_ACCOUNT_ID`. Edit the token or re-copy the right `CF_ACCOUNT_ID`.",

  expired: (date: string) => `${FAIL} token expired on ${date}`,
  expiredUndated: `${FAIL} token expired`,
  expiredFix: `Create a new token (an expired one cannot be renewed), or leave TTL blank for no expiry.`,
  disabled: `${FAIL} token is disabled`,
  disabledFix: `Enable it again at ${TOKENS_PAGE} (the token's menu → Enable), or create a new one.`,
  notYetValid: (date: string) => `${FAIL} token is not valid until ${date}`,
  notYetValidFix: `Wait until then, or edit the token's TTL start date at ${TOKENS_PAGE}.`,
  ipRestricted: (ip: string) => `${FAIL} token cannot be used from this address (${ip})`,
  ipRestrictedFix: `The token's Client IP Address Filtering excludes this machine. ${EDIT_TOKEN}`,
  ipRestrictedWhy: 'the token cannot be used from this address',
  refused: (detail: string) => `${FAIL} Cloudflare refused the token (${detail})`,

  active: (expiry: string | null) => `${PASS} token is active${expiry ? ` (expires ${expiry})` : ' (no expiry)'}`,
  expiresSoon: (date: string, days: number) => `${WARN} token expires on ${date} (in ${days} day${days === 1 ? '' : 's'})`,
  expiresSoonFix: 'Create a new token before then, or leave TTL blank for no expiry.',
  accountKind: 'account-owned',

  accountAccess: (id: string, name: string | null) => `${PASS} token has access to account ${name ? `${name} (${id})` : id}`,
  onlyAccount: (id: string, name: string) => `${PASS} token has access to account ${name} (${id}), used as no account id is set`,
  noAccounts: `${FAIL} token does not have access to any account`,
  noAccountsFix: `Account Resources: Include → your account. ${EDIT_TOKEN}`,
  oneAccount: `${PASS} token reaches exactly one account`,
  manyAccounts: (n: number) => `${WARN} token reaches ${n} accounts: Account Resources is probably left at "All accounts"`,
  manyAccountsFix: 'Scope it down: edit the token → Account Resources → Include → your account.',
  accountNeeded: `${WARN} this is an account-owned token: say which account it belongs to`,
  /** doctor and `setup --token-stdin`: an account-owned token, no account id, and no list of accounts. */
  accountNeededHow: (how: string) =>
    `This is an account-owned token (cfat_…): Cloudflare checks it only at its own account, and will not list accounts for it. Say which account with ${how} (the dashboard's URL and the account's Overview page show the 32-character id).`,
  chooseAccount: (n: number) =>
    `${WARN} token reaches ${n} accounts: say which one with --account-id or CF_ACCOUNT_ID`,

  // docs: the fix procedure for a missing permission
  fixProcedure: `To fix: re-edit the token at ${TOKENS_PAGE} → click the token name → Edit → add the missing permission → Continue to summary → Save. You don't need to create a new token; the existing key keeps working.`,
  /** Several accounts and none chosen: the list, and how to choose. */
  severalAccounts: (accounts: { items: readonly { id: string; name: string }[]; total: number }, how: string) => {
    const shown = accounts.items.slice(0, MAX_LISTED);
    const more = accounts.total - shown.length;
    return [
      `This token reaches ${accounts.total} accounts; say which one to deploy to with ${how}:`,
      ...shown.map((a) => `  ${a.id}  ${a.name}`),
      ...(more > 0 ? [`  … and ${more} more`] : []),
    ].join('\n');
  },

  held: (row: PermissionRow) => `${PASS} ${row.resource}: ${row.action}`,
  zoneFound: (row: PermissionRow, zone: string) => `${PASS} ${row.resource}: ${row.action} (zone ${zone})`,
  zoneNotFoundFix: (row: PermissionRow, domain: string) =>
    `${row.fix} Or ${domain} is simply not a zone in this Cloudflare account: check the domain, and that it is added to the account.`,
  notRequired: (row: PermissionRow, why: string) => `${WARN} missing permission: ${row.key} (${why})`,
  notChecked: (row: PermissionRow, why: string) => `${WARN} not checked: ${row.resource}: ${row.action} (${why})`,
  couldNotAsk: (what: string, detail: string) => `${WARN} could not check ${what.toLowerCase()} (${detail})`,
  couldNotCheck: (row: PermissionRow, detail: string) => `${WARN} could not check ${row.resource}: ${row.action} (${detail})`,
  /** A custom domain is attached in the zone's own account (docs/cloudflare-api.md, "Custom domains"). */
  zoneInOtherAccount: (mark: string, zone: string, owner: NamedAccount, deploy: NamedAccount) =>
    `${mark} zone ${zone} is in account ${named(owner)}, not in ${named(deploy)}, the account being deployed to`,
  zoneInOtherAccountFix: (zone: string, owner: NamedAccount, deploy: NamedAccount) =>
    `A custom domain can only be attached to a Worker in its zone's own account. Deploy to ${owner.name ?? owner.id}: set CF_ACCOUNT_ID=${owner.id} (or --account-id); or move ${zone} to ${deploy.name ?? deploy.id}.`,

  /** No access to the account given: which accounts the token does reach. */
  reachesOthers: (given: string, list: readonly NamedAccount[]) =>
    list.length === 0
      ? `${WARN} token reaches no account at all`
      : `${WARN} token reaches ${list.length === 1 ? 'one account' : `${list.length} accounts`}, not ${given}: ${list.map(named).join(', ')}`,
  /** The closing line when the account is wrong: Account Resources, not a permission. */
  accountFixProcedure: `To fix: re-edit the token at ${TOKENS_PAGE} → click the token name → Edit → Account Resources → Include → the account you deploy to → Continue to summary → Save. Or, if the project belongs in an account the token reaches, set CF_ACCOUNT_ID to that account's id.`,
  /**
   * The same, naming where the account really came from: with CLOUDFLARE_ACCOUNT_ID or a file's
   * account_id, changing CF_ACCOUNT_ID would not change where wrangler deploys.
   */
  accountFixProcedureFor: (from: string | undefined) => {
    if (from === undefined || from === 'CF_ACCOUNT_ID') return text.accountFixProcedure;
    const how = from === 'CLOUDFLARE_ACCOUNT_ID' ? 'set CLOUDFLARE_ACCOUNT_ID to' : from === '--account-id' ? 'pass --account-id with' : `set account_id in ${from} to`;
    return text.accountFixProcedure.replace("set CF_ACCOUNT_ID to that account's id.", `${how} that account's id.`);
  },

  manyZones: (n: number) => `${WARN} token reaches ${n} zones: Zone Resources is probably left at "All zones"`,
  manyZonesFix: (zone: string) => `Scope it down: edit the token → Zone Resources → Include → Specific zone → ${zone}.`,

  /** Our fix for SSL and Certificates where the docs page's ("Only needed if … nested") would be false. */
  deepHostFix: (host: string, zone: string, levels: number) =>
    `Add \`SSL and Certificates: Edit\` for the zone. ${host} is ${levelWords(levels)} below the zone ${zone}, and Universal SSL covers only a zone and the names one level below it: this host needs an Advanced Certificate Manager certificate, which the deploy orders.`,
} as const;

export interface NamedAccount {
  id: string;
  name: string | null;
}

/** `Acme Corp (e167…)`, or the id alone when the name is not known. */
function named(account: NamedAccount): string {
  return account.name ? `${account.name} (${account.id})` : account.id;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

function levelWords(levels: number): string {
  return `${NUMBER_WORDS[levels] ?? String(levels)} level${levels === 1 ? '' : 's'}`;
}

/** Dates in messages: the day, in UTC (what the dashboard shows). */
export function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 10);
}

/** Lines about the project's wrangler configurations (src/project/wrangler-config.ts). */
export const wranglerText = {
  /** The docs page's fix keeps its words when the account came from CF_ACCOUNT_ID; otherwise it names the real source. */
  noAccountAccessFix: (from: string | undefined) => {
    if (from === undefined || from === 'CF_ACCOUNT_ID') return text.noAccountAccessFix;
    if (from === 'CLOUDFLARE_ACCOUNT_ID') {
      return "Token's Account Resources don't include the account from your `CLOUDFLARE_ACCOUNT_ID`. Edit the token or re-copy the right `CLOUDFLARE_ACCOUNT_ID`.";
    }
    if (from === '--account-id') return "Token's Account Resources don't include the account given with `--account-id`. Edit the token or pass the right account id.";
    return `Token's Account Resources don't include the account from \`account_id\` in ${from}. Edit the token or correct that \`account_id\`.`;
  },
  accountHeld: (id: string, name: string | null, from: string) =>
    `${PASS} Workers Scripts: Edit on account ${name ? `${name} (${id})` : id}, the account_id of ${from}`,
  scriptsMissing: (key: string, id: string, from: string) => `${FAIL} missing permission: ${key} (account ${id}, the account_id of ${from})`,
  couldNotCheckAccount: (id: string, from: string, detail: string) => `${WARN} could not check account ${id} of ${from} (${detail})`,
  exactlyNamed: (n: number) => `${PASS} token reaches exactly the ${n} accounts the project names`,
  routesHeld: (zone: string) => `${PASS} Workers Routes: Edit (zone ${zone})`,
  routesMissing: (key: string, zone: string) => `${FAIL} missing permission: ${key} (zone ${zone})`,
  routesFix: (from: string) => `Add \`Workers Routes: Edit\` for the zone: wrangler creates the routes ${from} declares.`,
  routeZoneNotFound: (pattern: string, from: string) => `${FAIL} cannot find the zone of route ${pattern} in ${from}`,
  routeZoneNotFoundFix:
    'wrangler looks the zone up by name: Zone Resources must include it (with Workers Routes: Edit), and the zone must be on the account.',
  couldNotCheckRoutes: (where: string, detail: string) => `${WARN} could not check Workers Routes: Edit (${where}: ${detail})`,
} as const;
