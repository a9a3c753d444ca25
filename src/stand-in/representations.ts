import type { StandInAccount, StandInMember, StandInToken, StandInWorld, StandInZone } from './model.js';
import { effectiveStatus } from './permissions.js';

// Fixed dates: answers stay the same from run to run.
const CREATED_ON = '2024-03-01T12:21:02.000000Z';

export function accountJson(account: StandInAccount): object {
  return {
    id: account.id,
    name: account.name,
    type: 'standard',
    settings: {
      enforce_twofactor: false,
      api_access_enabled: null,
      use_account_custom_ns_by_default: false,
      default_nameservers: 'cloudflare.standard',
      abuse_contact_email: null,
    },
    created_on: CREATED_ON,
  };
}

export function zoneJson(world: StandInWorld, zone: StandInZone): object {
  const account = world.accounts.find((a) => a.id === zone.accountId);
  return {
    id: zone.id,
    name: zone.name,
    status: 'active',
    paused: false,
    type: 'full',
    development_mode: 0,
    name_servers: ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'],
    original_name_servers: null,
    original_registrar: null,
    original_dnshost: null,
    created_on: CREATED_ON,
    modified_on: CREATED_ON,
    activated_on: CREATED_ON,
    meta: { step: 2, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
    owner: { type: 'organization', name: account?.name ?? '' },
    account: { id: zone.accountId, name: account?.name ?? '' },
    permissions: [],
    plan: { id: '0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee', name: 'Free Website', price: 0, currency: 'USD', frequency: '' },
  };
}

export function memberJson(member: StandInMember): object {
  return {
    id: member.id,
    status: 'accepted',
    user: {
      id: member.id,
      email: member.email,
      first_name: member.firstName,
      last_name: member.lastName,
      two_factor_authentication_enabled: false,
    },
    roles: [
      {
        id: '33666b9c79b9a5273fc7344ff42f953d',
        name: 'Administrator',
        description: 'Can access the full account',
        permissions: ['#organization:read', '#worker:edit'],
      },
    ],
    policies: [],
  };
}

/**
 * The verify result. Decision (docs/cloudflare-api.md, "Token verification", calls these cases inferred): an expired or disabled token gets
 * 200 with `status` 'expired' or 'disabled' and no "valid and active" message; a token whose `not_before` is
 * still ahead gets 200 with `status` 'active', that future `not_before`, and no message either. Dates that
 * are not set are left out, as the published schema has them optional and non-nullable.
 */
export function verifyJson(token: StandInToken, now: Date): { result: object; active: boolean } {
  const status = effectiveStatus(token, now);
  const result: Record<string, string> = {
    id: token.id,
    status: status === 'not-yet-valid' ? 'active' : status,
  };
  if (token.notBefore) result.not_before = token.notBefore;
  if (token.expiresOn) result.expires_on = token.expiresOn;
  return { result, active: status === 'active' };
}
