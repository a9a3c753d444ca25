import type { PermissionGroup, PermissionName, StandInToken, StandInWorld, StandInZone } from './model.js';

const ACCOUNT_GROUPS: readonly PermissionGroup[] = ['workers_scripts', 'account_settings', 'workers_kv_storage'];
const ZONE_GROUPS: readonly PermissionGroup[] = ['dns', 'zone', 'ssl_and_certificates', 'workers_routes'];

/** The six permissions a complete mastrakit token holds, in the docs page's order. */
export const REQUIRED_PERMISSIONS: readonly PermissionName[] = [
  'workers_scripts:edit',
  'account_settings:read',
  'workers_kv_storage:edit',
  'dns:edit',
  'zone:read',
  'ssl_and_certificates:edit',
];

/** The seventh row, recommended for custom domains (wrangler lists a zone's routes on deploy): complete samples hold it. */
export const RECOMMENDED_PERMISSIONS: readonly PermissionName[] = ['workers_routes:read'];

export function isPermissionName(value: string): value is PermissionName {
  const [group, level] = value.split(':');
  return (
    (level === 'read' || level === 'edit') &&
    [...ACCOUNT_GROUPS, ...ZONE_GROUPS].includes(group as PermissionGroup)
  );
}

function groupOf(permission: PermissionName): PermissionGroup {
  return permission.split(':')[0] as PermissionGroup;
}

export function isZonePermission(permission: PermissionName): boolean {
  return ZONE_GROUPS.includes(groupOf(permission));
}

/** Whether a list of granted permissions covers `needed`: edit implies read. */
function covers(granted: readonly PermissionName[], needed: PermissionName): boolean {
  if (granted.includes(needed)) return true;
  return needed.endsWith(':read') && granted.includes(`${groupOf(needed)}:edit`);
}

/** An inactive token (expired, disabled, not yet valid) reaches nothing outside the verify endpoints. */
export function effectiveStatus(token: StandInToken, now: Date): 'active' | 'disabled' | 'expired' | 'not-yet-valid' {
  if (token.status === 'disabled') return 'disabled';
  if (token.status === 'expired') return 'expired';
  if (token.expiresOn && Date.parse(token.expiresOn) <= now.getTime()) return 'expired';
  if (token.notBefore && Date.parse(token.notBefore) > now.getTime()) return 'not-yet-valid';
  return 'active';
}

/** The accounts in the token's Account Resources (an account-owned token reaches only its own account). */
export function includedAccountIds(world: StandInWorld, token: StandInToken): string[] {
  return world.accounts.map((a) => a.id).filter((id) => includesAccount(token, id));
}

/** Whether Account Resources include this account. */
function includesAccount(token: StandInToken, accountId: string): boolean {
  if (token.kind === 'account' && accountId !== token.ownerAccountId) return false;
  return token.accounts === '*' || setOf(token.accounts).has(accountId);
}

// Lists only ever grow in place (a grant pushes a scope), so a cached Set is good while the length holds:
// a world of 5,000 accounts (`npm run bench`) then answers a list in linear time, not quadratic.
const SETS = new WeakMap<readonly string[], { length: number; set: Set<string> }>();
function setOf(list: readonly string[]): Set<string> {
  let cached = SETS.get(list);
  if (!cached || cached.length !== list.length) SETS.set(list, (cached = { length: list.length, set: new Set(list) }));
  return cached.set;
}

export function holdsOnAccount(
  world: StandInWorld,
  token: StandInToken,
  needed: PermissionName,
  accountId: string,
): boolean {
  return covers(token.accountPermissions, needed) && knownAccount(world, accountId) && includesAccount(token, accountId);
}

/** Any account permission on this account: what `GET /accounts/{a}` and `GET /accounts` ask for. */
export function reachesAccount(world: StandInWorld, token: StandInToken, accountId: string): boolean {
  return token.accountPermissions.length > 0 && knownAccount(world, accountId) && includesAccount(token, accountId);
}

/** Whether the zone is in the token's Zone Resources (an account-owned token reaches only its account's zones). */
export function zoneIncluded(world: StandInWorld, token: StandInToken, zone: StandInZone): boolean {
  if (token.zones !== '*') {
    return token.zones.includes(zone.id) && (token.kind !== 'account' || zone.accountId === token.ownerAccountId);
  }
  if (token.zoneAccounts) return token.zoneAccounts.includes(zone.accountId);
  return knownAccount(world, zone.accountId) && includesAccount(token, zone.accountId);
}

const ACCOUNT_IDS = new WeakMap<readonly { id: string }[], { length: number; set: Set<string> }>();
function knownAccount(world: StandInWorld, accountId: string): boolean {
  let cached = ACCOUNT_IDS.get(world.accounts);
  if (!cached || cached.length !== world.accounts.length) {
    ACCOUNT_IDS.set(world.accounts, (cached = { length: world.accounts.length, set: new Set(world.accounts.map((a) => a.id)) }));
  }
  return cached.set.has(accountId);
}

export function holdsOnZone(world: StandInWorld, token: StandInToken, needed: PermissionName, zone: StandInZone): boolean {
  return covers(token.zonePermissions, needed) && zoneIncluded(world, token, zone);
}

/**
 * The required permissions this token does not hold on `accountId` (and, for zone rows, on every zone of it),
 * for the admin surface and the sample list.
 */
export function missingPermissions(world: StandInWorld, token: StandInToken, accountId: string): PermissionName[] {
  const zones = world.zones.filter((z) => z.accountId === accountId);
  return REQUIRED_PERMISSIONS.filter((p) =>
    isZonePermission(p)
      ? zones.length === 0 || !zones.every((z) => holdsOnZone(world, token, p, z))
      : !holdsOnAccount(world, token, p, accountId),
  );
}

/**
 * Adds a permission like a user adding a row in the dashboard; `scope` (an account id for account
 * permissions, a zone id for zone ones, or '*') is added to the matching resource list.
 */
export function grantPermission(token: StandInToken, permission: PermissionName, scope?: string): void {
  const zone = isZonePermission(permission);
  const list = zone ? token.zonePermissions : token.accountPermissions;
  if (!list.includes(permission)) list.push(permission);
  if (scope === undefined) return;
  const key = zone ? 'zones' : 'accounts';
  const resources = token[key];
  if (scope === '*') token[key] = '*';
  else if (resources !== '*' && !resources.includes(scope)) resources.push(scope);
}

/** Removes a permission; revoking a read also removes the edit that would imply it. */
export function revokePermission(token: StandInToken, permission: PermissionName): void {
  const gone = permission.endsWith(':read') ? [permission, `${groupOf(permission)}:edit`] : [permission];
  token.accountPermissions = token.accountPermissions.filter((p) => !gone.includes(p));
  token.zonePermissions = token.zonePermissions.filter((p) => !gone.includes(p));
}
