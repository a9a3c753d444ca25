import type { DomainStyle, Target } from '../target.js';
import { hostNames, labelsBelow } from '../project/hostname.js';
import { probeId, probeScriptName, type Probe } from './probe.js';

type RowId =
  | 'workers-scripts-edit'
  | 'account-settings-read'
  | 'workers-kv-edit'
  | 'dns-edit'
  | 'zone-read'
  | 'ssl-edit'
  | 'workers-routes-read'
  | 'workers-routes-edit';

/**
 * When a row is needed for a first deploy. `deep-host`: the auth host lies two or more labels below its
 * zone's apex (nested, or flat on a domain that is itself a subdomain of its zone), beyond Universal SSL.
 */
type RequiredWhen = 'always' | 'custom-domain' | 'deep-host' | 'route-patterns';

/** One permission row of the token, exactly as the docs page words it. */
export interface PermissionRow {
  id: RowId;
  type: 'Account' | 'Zone';
  resource: string;
  action: 'Edit' | 'Read';
  requiredWhen: RequiredWhen;
  /** Shown and checked like the others, but missing it is a `⚠`, never a failure. */
  recommended?: boolean;
  /** The key in `❌ missing permission: <key>`. */
  key: string;
  fix: string;
  /** Why a deploy needs it (the docs page's "Why so many permissions?"). */
  why: string;
  /** The entry for the dashboard's pre-filled template URL. */
  template: { key: string; type: 'edit' | 'read' };
  /**
   * Cloudflare's own name and id for the permission group (docs/cloudflare-api.md, "Permission groups"):
   * the dashboard's "Edit" is the API's "Write". The `key` above is the docs page's, not Cloudflare's.
   * `id` is null where no published id was found.
   */
  apiGroup: { name: string; id: string | null };
  /**
   * The request that proves the row without changing anything (./probe.ts says how), for the id of its
   * scope: the account id for an Account row, the zone id for a Zone row.
   */
  probe(scopeId: string): Probe;
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
    apiGroup: { name: 'Workers Scripts Write', id: 'e086da7e2179491d91ee5f35b3ca210a' },
    probe: (a) => ({ method: 'DELETE', path: `/accounts/${encodeURIComponent(a)}/workers/scripts/${probeScriptName()}` }),
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
    apiGroup: { name: 'Account Settings Read', id: 'c1fde68c7bcc44588cbb6ddbc16d6480' },
    // The body lists members' emails: only the status is read.
    probe: (a) => ({ method: 'GET', path: `/accounts/${encodeURIComponent(a)}/members`, query: { per_page: 5 } }),
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
    apiGroup: { name: 'Workers KV Storage Write', id: 'f7f0eda5697f475c90846e879bab8666' },
    probe: (a) => ({ method: 'DELETE', path: `/accounts/${encodeURIComponent(a)}/storage/kv/namespaces/${probeId()}` }),
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
    apiGroup: { name: 'DNS Write', id: '4755a26eedb94da69e1066d98aa820be' },
    probe: (z) => ({ method: 'DELETE', path: `/zones/${encodeURIComponent(z)}/dns_records/${probeId()}` }),
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
    apiGroup: { name: 'Zone Read', id: 'c8fed203ed3043cba015a93ad1616f1f' },
    // Not GET /zones/{z}: about forty groups read the zone itself, DNS Edit and SSL Edit among them, so
    // its 200 says nothing about Zone: Read. This setting is readable with Zone Read or Write and Zone
    // Settings Read or Write only, on every plan (docs/cloudflare-api.md, "Zone: Read").
    probe: (z) => ({ method: 'GET', path: `/zones/${encodeURIComponent(z)}/settings/origin_max_http_version` }),
  },
  {
    id: 'ssl-edit',
    type: 'Zone',
    resource: 'SSL and Certificates',
    action: 'Edit',
    requiredWhen: 'deep-host',
    key: 'com.cloudflare.api.account.zone.ssl-cert.write',
    fix: 'Add `SSL and Certificates: Edit`. Only needed if your `mastrakit.config.json` has `domainStyle: "nested"` (using Cloudflare Advanced Certificate Manager).',
    why: 'provisioning the ACM certificate for nested-subdomain style',
    template: { key: 'ssl_and_certificates', type: 'edit' },
    apiGroup: { name: 'SSL and Certificates Write', id: 'c03055bc037c4ea9afb9a9f104b7b721' },
    probe: (z) => ({ method: 'DELETE', path: `/zones/${encodeURIComponent(z)}/ssl/certificate_packs/${probeId()}` }),
  },
  {
    // Not on the docs page: wrangler lists the zone's routes when it deploys, and a custom-domain-only
    // deploy is reported to fail after the upload without this row (docs/cloudflare-api.md, "Workers Routes").
    id: 'workers-routes-read',
    type: 'Zone',
    resource: 'Workers Routes',
    action: 'Read',
    requiredWhen: 'custom-domain',
    recommended: true,
    key: 'com.cloudflare.edge.worker.route.read',
    fix: 'Add `Workers Routes: Read` for the zone. Recommended for a custom domain: wrangler lists the zone\'s Workers routes when it deploys, and a deploy without them is reported to fail after the upload.',
    why: 'recommended: wrangler lists the zone\'s Workers routes when it deploys to a custom domain',
    template: { key: 'workers_routes', type: 'read' },
    // From public code quoting Cloudflare's permission-group list, not a docs page (docs/cloudflare-api.md).
    apiGroup: { name: 'Workers Routes Read', id: '2072033d694d415a936eaeb94e6405b8' },
    // The list wrangler itself reads on deploy; accepted by Workers Routes Read and Write only
    // (docs/cloudflare-api.md, "Workers Routes"). Nothing is changed.
    probe: (z) => ({ method: 'GET', path: `/zones/${encodeURIComponent(z)}/workers/routes` }),
  },
];

/** Where the auth host sits: the domain and style, and the zone's apex when it is known (or guessed). */
export interface Placement {
  domain: string | null;
  domainStyle: DomainStyle;
  /** The zone the domain lives in; undefined or null when not known yet. */
  zoneApex?: string | null;
}

/**
 * Whether the auth host needs a certificate beyond Universal SSL, which covers a zone's apex and one
 * level below it (docs/cloudflare-api.md, "Universal SSL"). Without a known zone, a flat host on a
 * domain of three labels or more may need one, so it counts (the row is then "not checked", never passed).
 */
export function needsAdvancedCertificate(p: Placement): boolean {
  if (p.domain === null) return false;
  if (p.domainStyle === 'nested') return true;
  if (!p.zoneApex) return p.domain.split('.').length > 2;
  return labelsBelow(hostNames('x', p.domain).flat, p.zoneApex) >= 2;
}

/** Whether this row is needed for a first deploy to this target (ignoring purpose). */
export function neededForDeploy(row: PermissionRow, target: Placement): boolean {
  switch (row.requiredWhen) {
    case 'always':
      return true;
    case 'custom-domain':
      return target.domain !== null;
    case 'deep-host':
      return needsAdvancedCertificate(target);
    case 'route-patterns':
      return false; // decided by the wrangler configurations: src/permissions/wrangler-rows.ts
  }
}

/**
 * Whether the row is required for this target and purpose: a redeploy needs only Workers Scripts: Edit,
 * and a recommended row is never required.
 */
export function isRequired(row: PermissionRow, target: Pick<Target, 'purpose'> & Placement): boolean {
  if (row.recommended) return false;
  if (target.purpose === 'redeploy') return row.id === 'workers-scripts-edit';
  return neededForDeploy(row, target);
}

/** The rows to show in the wizard's table and the template URL: what a first deploy to this target needs. */
export function rowsFor(target: Placement): PermissionRow[] {
  return PERMISSION_ROWS.filter((row) => neededForDeploy(row, target));
}
