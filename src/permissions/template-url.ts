import type { PermissionRow } from './rows.js';

const DASHBOARD = 'https://dash.cloudflare.com/profile/api-tokens';

/**
 * The dashboard's pre-filled "create token" page for these rows (Cloudflare docs, "API token template
 * URLs"). Account and zone stay `*`/`all`: whether a specific id is accepted is unconfirmed, so the
 * wizard tells the user to narrow Account and Zone Resources on the form.
 */
export function templateUrl(rows: readonly PermissionRow[], tokenName: string): string {
  const groups = JSON.stringify(rows.map((r) => r.template));
  const query = [
    `permissionGroupKeys=${encodeURIComponent(groups)}`,
    'accountId=*',
    'zoneId=all',
    `name=${encodeURIComponent(tokenName)}`,
  ].join('&');
  return `${DASHBOARD}?${query}`;
}

export function tokenName(slug: string): string {
  return `mastrakit-${slug}-deploy`;
}
