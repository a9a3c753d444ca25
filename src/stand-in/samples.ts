import { fakeHex32, fakeTokenValue, type FakeValueFormat } from './ids.js';
import type { PermissionName, StandInAccount, StandInToken, StandInWorld, StandInZone } from './model.js';
import { RECOMMENDED_PERMISSIONS, REQUIRED_PERMISSIONS, isZonePermission } from './permissions.js';

export type SampleTokenName =
  | 'complete'
  | 'missingDnsEdit'
  | 'wrongAccount'
  | 'missingWorkersScriptsEdit'
  | 'missingAccountSettingsRead'
  | 'missingKvEdit'
  | 'missingZoneRead'
  | 'noZonePermissions'
  | 'missingSslEdit'
  | 'missingWorkersRoutesRead'
  | 'expired'
  | 'disabled'
  | 'notYetValid'
  | 'ipRestricted'
  | 'ipRestrictedAfterVerify'
  | 'accountOwned'
  | 'allAccounts'
  | 'bootstrap'
  | 'bootstrapReadOnly';

/** The sample names shown first by `npm run stand-in` and the demo; the rest are for tests. */
export const HEADLINE_SAMPLES: readonly SampleTokenName[] = ['complete', 'missingDnsEdit', 'wrongAccount'];

export interface SampleWorld {
  world: StandInWorld;
  account: StandInAccount;
  otherAccount: StandInAccount;
  zone: StandInZone;
  tokens: Record<SampleTokenName, StandInToken>;
  /** Objects that exist, so a test can prove no request removed them. */
  existing: { scriptName: string; kvNamespaceId: string; dnsRecordId: string; certificatePackId: string };
}

const ACCOUNT_PERMISSIONS = REQUIRED_PERMISSIONS.filter((p) => !isZonePermission(p));
const ZONE_PERMISSIONS = [...REQUIRED_PERMISSIONS, ...RECOMMENDED_PERMISSIONS].filter(isZonePermission);

interface SampleSpec {
  format: FakeValueFormat;
  description: string;
  lacks?: PermissionName;
  accounts?: string[] | '*';
  extra?: Partial<StandInToken>;
}

/** The sample world: Acme Corp with example.com, Other Corp for the wrong-account case, and one token per case. */
export function sampleWorld(): SampleWorld {
  const account: StandInAccount = { id: fakeHex32('account:acme'), name: 'Acme Corp' };
  const otherAccount: StandInAccount = { id: fakeHex32('account:other'), name: 'Other Corp' };
  const zone: StandInZone = { id: fakeHex32('zone:example.com'), name: 'example.com', accountId: account.id };
  const otherZone: StandInZone = { id: fakeHex32('zone:other.example'), name: 'other.example', accountId: otherAccount.id };

  const specs: Record<SampleTokenName, SampleSpec> = {
    complete: {
      format: 'cfut',
      description: 'Complete: all six permissions, and the recommended Workers Routes: Read, on Acme Corp and example.com.',
    },
    missingDnsEdit: { format: 'legacy', lacks: 'dns:edit', description: 'Lacks DNS: Edit.' },
    wrongAccount: {
      format: 'cfut',
      accounts: [otherAccount.id],
      description: 'Wrong account: all six permissions, but only on Other Corp.',
    },
    missingWorkersScriptsEdit: { format: 'cfut', lacks: 'workers_scripts:edit', description: 'Lacks Workers Scripts: Edit.' },
    missingAccountSettingsRead: { format: 'cfut', lacks: 'account_settings:read', description: 'Lacks Account Settings: Read.' },
    missingKvEdit: { format: 'cfut', lacks: 'workers_kv_storage:edit', description: 'Lacks Workers KV Storage: Edit.' },
    missingZoneRead: { format: 'cfut', lacks: 'zone:read', description: 'Lacks Zone: Read (finds its zone through DNS: Edit).' },
    noZonePermissions: {
      format: 'cfut',
      description: 'No zone permissions at all: finds no zone.',
      extra: { zonePermissions: [] },
    },
    missingSslEdit: { format: 'cfut', lacks: 'ssl_and_certificates:edit', description: 'Lacks SSL and Certificates: Edit.' },
    missingWorkersRoutesRead: {
      format: 'cfut',
      lacks: 'workers_routes:read',
      description: 'Lacks Workers Routes: Read (recommended, not required): the six docs-page rows only.',
    },
    expired: {
      format: 'cfut',
      description: 'Expired on 2025-01-01 (all six permissions).',
      extra: { status: 'expired', expiresOn: '2025-01-01T00:00:00Z' },
    },
    disabled: { format: 'cfut', description: 'Disabled (all six permissions).', extra: { status: 'disabled' } },
    notYetValid: {
      format: 'cfut',
      description: 'Not valid before 2099-01-01 (all six permissions).',
      extra: { notBefore: '2099-01-01T00:00:00Z' },
    },
    ipRestricted: {
      format: 'cfut',
      description: 'Client IP filtering: works only from 203.0.113.7, so refused here.',
      extra: { allowedIps: ['203.0.113.7'] },
    },
    ipRestrictedAfterVerify: {
      format: 'cfut',
      description: 'Client IP filtering that spares token verification: verify passes, every other request from here is refused.',
      extra: { allowedIps: ['203.0.113.7'], ipFilterSparesVerify: true },
    },
    accountOwned: {
      format: 'cfat',
      description: 'Account-owned token of Acme Corp, all six permissions (verify at /accounts/{id}/tokens/verify).',
      extra: { kind: 'account', ownerAccountId: account.id },
    },
    allAccounts: {
      format: 'cfut',
      accounts: '*',
      description: 'Account Resources left at "All accounts": all six permissions, reaches both accounts.',
    },
    bootstrap: {
      format: 'cfut',
      description: 'Bootstrap for setup --create: API Tokens Write only (the "Create Additional Tokens" template); reaches no account or zone.',
      extra: { accountPermissions: [], accounts: [], zonePermissions: [], zones: [], userPermissions: ['api_tokens:edit'] },
    },
    bootstrapReadOnly: {
      format: 'cfut',
      description: 'API Tokens Read only: may list permission groups, may not create a token.',
      extra: { accountPermissions: [], accounts: [], zonePermissions: [], zones: [], userPermissions: ['api_tokens:read'] },
    },
  };

  const tokens = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => {
      const accounts = spec.accounts ?? [account.id];
      const token: StandInToken = {
        value: fakeTokenValue(`token:${name}`, spec.format),
        id: fakeHex32(`token-id:${name}`),
        name: `mastrakit-acme-${name}`,
        description: spec.description,
        accountPermissions: ACCOUNT_PERMISSIONS.filter((p) => p !== spec.lacks),
        accounts,
        zonePermissions: ZONE_PERMISSIONS.filter((p) => p !== spec.lacks),
        zones: accounts === '*' ? '*' : [accounts.includes(account.id) ? zone.id : otherZone.id],
        ...spec.extra,
      };
      return [name, token];
    }),
  ) as Record<SampleTokenName, StandInToken>;

  const existing = {
    scriptName: 'existing-worker',
    kvNamespaceId: fakeHex32('kv:rate-limit'),
    dnsRecordId: fakeHex32('dns:www'),
    certificatePackId: fakeHex32('cert-pack:acm'),
  };
  const world: StandInWorld = {
    accounts: [account, otherAccount],
    zones: [zone, otherZone],
    tokens: Object.values(tokens),
    members: [
      { accountId: account.id, id: fakeHex32('member:ada'), email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { accountId: account.id, id: fakeHex32('member:alan'), email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing' },
      { accountId: otherAccount.id, id: fakeHex32('member:grace'), email: 'grace@example.org', firstName: 'Grace', lastName: 'Hopper' },
    ],
    scripts: [{ accountId: account.id, name: existing.scriptName }],
    kvNamespaces: [{ accountId: account.id, id: existing.kvNamespaceId, title: 'acme-rate-limit' }],
    dnsRecords: [{ zoneId: zone.id, id: existing.dnsRecordId, type: 'A', name: 'www.example.com', content: '192.0.2.1' }],
    certificatePacks: [{ zoneId: zone.id, id: existing.certificatePackId }],
  };
  return { world, account, otherAccount, zone, tokens, existing };
}
