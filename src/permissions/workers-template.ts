import type { PermissionRow } from './rows.js';

/**
 * The permission groups of the dashboard's "Edit Cloudflare Workers" template, by API name, as
 * Cloudflare's template list gives them (docs/cloudflare-api.md, "The Edit Cloudflare Workers template").
 */
const EDIT_WORKERS_TEMPLATE: readonly string[] = [
  'Workers Scripts Write',
  'Workers KV Storage Write',
  'Workers Tail Read',
  'Workers R2 Storage Write',
  'Account Settings Read',
  'User Details Read',
  'User Memberships Read',
  'Workers Routes Write',
];

/** Whether the template grants this row: the group itself, or its Write for a Read row. */
function templateGrants(row: PermissionRow): boolean {
  const name = row.apiGroup.name;
  return EDIT_WORKERS_TEMPLATE.includes(name) || (name.endsWith(' Read') && EDIT_WORKERS_TEMPLATE.includes(`${name.slice(0, -5)} Write`));
}

/** The rows of this deploy that the template does not grant. */
export function lackedByWorkersTemplate(rows: readonly PermissionRow[]): PermissionRow[] {
  return rows.filter((row) => !templateGrants(row));
}
