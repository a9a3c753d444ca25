import type { Target } from '../checks/types.js';

export type RowId =
  | 'workers-scripts-edit'
  | 'account-settings-read'
  | 'workers-kv-edit'
  | 'dns-edit'
  | 'zone-read'
  | 'ssl-edit';

/** When a row is required for a first deploy. */
export type RequiredWhen = 'always' | 'custom-domain' | 'nested';

/** One permission row of the token, exactly as the docs page and PRODUCT.md word it. */
export interface PermissionRow {
  id: RowId;
  type: 'Account' | 'Zone';
  resource: string;
  action: 'Edit' | 'Read';
  requiredWhen: RequiredWhen;
  /** The key in `❌ missing permission: <key>`. */
  key: string;
  fix: string;
  /** Why a deploy needs it (the docs page's "Why so many permissions?"). */
  why: string;
  /** The entry for the dashboard's pre-filled template URL. */
  template: { key: string; type: 'edit' | 'read' };
}

export const PERMISSION_ROWS: readonly PermissionRow[] = [
  {
    id: 'workers-scripts-edit',
    type: 'Account',
    resource: 'Workers Scripts',
    action: 'Edit',
    requiredWhen: 'always',
    key: 'com.cloudflare.api.account.worker.script.write',
    fix: 'Add `Workers Scripts: Edit` to the token.',
    why: '`wrangler deploy` (every service)',
    template: { key: 'workers_scripts', type: 'edit' },
  },
  {
    id: 'account-settings-read',
    type: 'Account',
    resource: 'Account Settings',
    action: 'Read',
    requiredWhen: 'always',
    key: 'com.cloudflare.api.account.settings.read',
    fix: 'Add `Account Settings: Read` to the token.',
    why: 'verify account access',
    template: { key: 'account_settings', type: 'read' },
  },
  {
    id: 'workers-kv-edit',
    type: 'Account',
    resource: 'Workers KV Storage',
    action: 'Edit',
    requiredWhen: 'always',
    key: 'com.cloudflare.api.account.worker.kv.write',
    fix: 'Add `Workers KV Storage: Edit` to the token.',
    why: 'Better Auth needs a KV namespace for rate-limit state',
    template: { key: 'workers_kv_storage', type: 'edit' },
  },
  {
    id: 'dns-edit',
    type: 'Zone',
    resource: 'DNS',
    action: 'Edit',
    requiredWhen: 'custom-domain',
    key: 'com.cloudflare.edge.dns.write',
    fix: "Add `DNS: Edit` for the zone. Only needed if you're deploying to a custom domain.",
    why: 'setting up `auth-<slug>.<domain>` custom domains',
    template: { key: 'dns', type: 'edit' },
  },
  {
    id: 'zone-read',
    type: 'Zone',
    resource: 'Zone',
    action: 'Read',
    requiredWhen: 'custom-domain',
    key: 'com.cloudflare.api.account.zone.read',
    fix: "Add `Zone: Read` for the zone. Only needed if you're deploying to a custom domain.",
    why: 'setting up `auth-<slug>.<domain>` custom domains',
    template: { key: 'zone', type: 'read' },
  },
  {
    id: 'ssl-edit',
    type: 'Zone',
    resource: 'SSL and Certificates',
    action: 'Edit',
    requiredWhen: 'nested',
    key: 'com.cloudflare.api.account.zone.ssl-cert.write',
    fix: 'Add `SSL and Certificates: Edit`. Only needed if your `mastrakit.config.json` has `domainStyle: "nested"` (using Cloudflare Advanced Certificate Manager).',
    why: 'provisioning the ACM certificate for nested-subdomain style',
    template: { key: 'ssl_and_certificates', type: 'edit' },
  },
];

/** Whether this row is needed for a first deploy to this target (ignoring purpose). */
export function neededForDeploy(row: PermissionRow, target: Pick<Target, 'domain' | 'domainStyle'>): boolean {
  switch (row.requiredWhen) {
    case 'always':
      return true;
    case 'custom-domain':
      return target.domain !== null;
    case 'nested':
      return target.domain !== null && target.domainStyle === 'nested';
  }
}

/** Whether the row is required for this target and purpose: a redeploy needs only Workers Scripts: Edit. */
export function isRequired(row: PermissionRow, target: Target): boolean {
  if (target.purpose === 'redeploy') return row.id === 'workers-scripts-edit';
  return neededForDeploy(row, target);
}

/** The rows to show in the wizard's table and the template URL: what a first deploy to this target needs. */
export function rowsFor(target: Pick<Target, 'domain' | 'domainStyle'>): PermissionRow[] {
  return PERMISSION_ROWS.filter((row) => neededForDeploy(row, target));
}
