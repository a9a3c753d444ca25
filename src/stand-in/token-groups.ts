import type { PermissionName, StandInToken, StandInWorld, StandInZone } from './model.js';
import { includedAccountIds, zoneIncluded } from './permissions.js';

/** The operations the stand-in serves that a permission gates (the verify endpoints and the account list are not gated). */
type Operation =
  | 'GET /accounts/{account_id}'
  | 'GET /accounts/{account_id}/members'
  | 'DELETE /accounts/{account_id}/workers/scripts/{script_name}'
  | 'DELETE /accounts/{account_id}/storage/kv/namespaces/{namespace_id}'
  | 'GET /zones'
  | 'GET /zones/{zone_id}'
  | 'GET /zones/{zone_id}/settings/origin_max_http_version'
  | 'GET /zones/{zone_id}/workers/routes'
  | 'DELETE /zones/{zone_id}/dns_records/{dns_record_id}'
  | 'DELETE /zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}'
  | 'DELETE /zones/{zone_id}/workers/routes/{route_id}';

const ANY_ACCOUNT_GROUP: readonly PermissionName[] = [
  'workers_scripts:read',
  'workers_scripts:edit',
  'account_settings:read',
  'account_settings:edit',
  'workers_kv_storage:read',
  'workers_kv_storage:edit',
];
const ANY_ZONE_GROUP: readonly PermissionName[] = [
  'zone:read',
  'zone:edit',
  'dns:read',
  'dns:edit',
  'ssl_and_certificates:read',
  'ssl_and_certificates:edit',
  'workers_routes:read',
  'workers_routes:edit',
];

/**
 * Which permissions authorize each operation: the permission groups Cloudflare's 2026 OpenAPI document
 * annotates on it (`x-api-token-group`), narrowed to the six groups this stand-in models; a dashboard
 * "Edit" is the API's "Write" (docs/cloudflare-api.md, "Which groups authorize each request"). Holding any
 * one of the listed permissions is enough, which is why a read of the zone itself (accepted by about forty
 * groups, DNS Write and SSL and Certificates Write among them) proves nothing about Zone: Read.
 */
const AUTHORIZED_BY: Record<Operation, readonly PermissionName[]> = {
  // About thirty groups, every account group modelled here among them.
  'GET /accounts/{account_id}': ANY_ACCOUNT_GROUP,
  'GET /accounts/{account_id}/members': ['account_settings:read', 'account_settings:edit'],
  'DELETE /accounts/{account_id}/workers/scripts/{script_name}': ['workers_scripts:edit'],
  'DELETE /accounts/{account_id}/storage/kv/namespaces/{namespace_id}': ['workers_kv_storage:edit'],
  // Annotated "Zone Zone Read"; what it lists in practice is wider (zoneListed below).
  'GET /zones': ['zone:read'],
  // About forty groups, every zone group modelled here among them.
  'GET /zones/{zone_id}': ANY_ZONE_GROUP,
  // Zone Read, Zone Write, Zone Settings Read and Write: the smallest set found that holds Zone Read.
  'GET /zones/{zone_id}/settings/origin_max_http_version': ['zone:read', 'zone:edit'],
  // Workers Routes Read and Write: what wrangler's deploy lists (cloudflare/workers-sdk issue 15863).
  'GET /zones/{zone_id}/workers/routes': ['workers_routes:read', 'workers_routes:edit'],
  'DELETE /zones/{zone_id}/dns_records/{dns_record_id}': ['dns:edit'],
  'DELETE /zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}': ['ssl_and_certificates:edit'],
  // Workers Routes Write only: what wrangler needs to create a service's route patterns.
  'DELETE /zones/{zone_id}/workers/routes/{route_id}': ['workers_routes:edit'],
};

const grants = (held: readonly PermissionName[], operation: Operation) => held.some((p) => AUTHORIZED_BY[operation].includes(p));

/** Whether the token may call an account operation on this account. */
export function mayOnAccount(world: StandInWorld, token: StandInToken, operation: Operation, accountId: string): boolean {
  return grants(token.accountPermissions, operation) && includedAccountIds(world, token).includes(accountId);
}

/** Whether the token may call a zone operation on this zone. */
export function mayOnZone(world: StandInWorld, token: StandInToken, operation: Operation, zone: StandInZone): boolean {
  return grants(token.zonePermissions, operation) && zoneIncluded(world, token, zone);
}

/**
 * Whether `GET /zones` shows this zone to the token: with Zone Read, as annotated, and also with any other
 * zone permission on it, as DNS-only tokens (certbot's documented setup) find their zone in practice.
 */
export function zoneListed(world: StandInWorld, token: StandInToken, zone: StandInZone): boolean {
  return mayOnZone(world, token, 'GET /zones', zone) || mayOnZone(world, token, 'GET /zones/{zone_id}', zone);
}
