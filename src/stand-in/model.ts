/** The Cloudflare stand-in's world: accounts, zones, tokens and a few existing objects a probe must never touch. */

export type PermissionGroup =
  | 'workers_scripts'
  | 'account_settings'
  | 'workers_kv_storage'
  | 'dns'
  | 'zone'
  | 'ssl_and_certificates'
  | 'workers_routes';

/** A permission group and level, named like the dashboard's template keys. Edit implies read. */
export type PermissionName = `${PermissionGroup}:${'read' | 'edit'}`;

type TokenStatus = 'active' | 'disabled' | 'expired';

/** User-level permissions: what the dashboard's "Create Additional Tokens" template grants is `api_tokens:edit`. */
export type UserPermission = 'api_tokens:read' | 'api_tokens:edit';

/** A policy as `POST /user/tokens` received it (ids assigned), kept to answer with it again. */
export interface StoredPolicy {
  id: string;
  effect: 'allow' | 'deny';
  resources: Record<string, unknown>;
  permission_groups: { id: string; name: string }[];
}

export interface StandInToken {
  /** The secret. Never logged, never shown by the admin surface. */
  value: string;
  /** 32 hex, what `/user/tokens/verify` answers and what the admin surface is keyed by. */
  id: string;
  name?: string;
  /** What this token lacks, for humans (the sample list printed by `npm run stand-in`). */
  description?: string;
  /** Default 'user'. An account-owned token lives in `ownerAccountId` and reaches nothing else. */
  kind?: 'user' | 'account';
  ownerAccountId?: string;
  status?: TokenStatus;
  /** ISO date-time; in the past means expired whatever `status` says. */
  expiresOn?: string | null;
  /** ISO date-time; in the future means the token cannot be used yet. */
  notBefore?: string | null;
  accountPermissions: PermissionName[];
  /** Account Resources: the included account ids, or '*' for all accounts. */
  accounts: string[] | '*';
  zonePermissions: PermissionName[];
  /** Zone Resources: zone ids, or '*' for every zone of the included accounts. */
  zones: string[] | '*';
  /** Client IP Address Filtering: when set, a caller whose address is not listed is refused everywhere. */
  allowedIps?: string[];
  /**
   * With `allowedIps`: token verification answers from any address, and only the other requests are
   * refused (9109 "Cannot use the access token from location: <ip>"). Reported as verify passing while a
   * probe is refused (docs/cloudflare-api.md, "Client IP Address Filtering").
   */
  ipFilterSparesVerify?: boolean;
  /** API Tokens Read / Write (user-level): token management. */
  userPermissions?: UserPermission[];
  /**
   * With `zones: '*'`: the accounts whose zones are meant (a policy's `account.<id>: {zone.*: '*'}`);
   * absent, the token's own Account Resources.
   */
  zoneAccounts?: string[];
  /** Set for a token made through `POST /user/tokens`: the policies as sent. */
  policies?: StoredPolicy[];
  issuedOn?: string;
  modifiedOn?: string;
  /** Requests this token is still refused on, as if Cloudflare had not propagated it yet. */
  unpropagated?: number;
}

export interface StandInAccount {
  /** 32 hex. */
  id: string;
  name: string;
}

export interface StandInZone {
  id: string;
  name: string;
  accountId: string;
  /** Default true. false: certificate pack requests are refused for the plan, whatever the token holds. */
  advancedCertificateManager?: boolean;
}

export interface StandInMember {
  accountId: string;
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

export interface StandInWorld {
  /**
   * How `GET /accounts` answers an account-owned token. Both are reported: 'refuse' is 400 / code 1001
   * "List accounts endpoint does not support account owned tokens" (edgefirst-dev/starter issue 3);
   * 'list' (the default) lists its one account, as a 2026 report says it works (docs/cloudflare-api.md).
   */
  accountTokensListAccounts?: 'list' | 'refuse';
  accounts: StandInAccount[];
  zones: StandInZone[];
  tokens: StandInToken[];
  members: StandInMember[];
  scripts: { accountId: string; name: string }[];
  kvNamespaces: { accountId: string; id: string; title: string }[];
  dnsRecords: { zoneId: string; id: string; type: string; name: string; content: string }[];
  certificatePacks: { zoneId: string; id: string }[];
}

/** One API request as the stand-in saw it. Holds the token's id, never its value nor the Authorization header. */
export interface RequestRecord {
  method: string;
  /** Path including the query string. */
  path: string;
  /** null while unanswered, and for a request that never got a status line (reset, hang). */
  status: number | null;
  /** null until the exchange ended (answered, reset, or the client gave up). */
  ms: number | null;
  tokenId: string | null;
  /** Whether this request created, changed or deleted something, or tried to (any POST/PUT/PATCH). */
  write: boolean;
  /** The fault that shaped this answer, if any. */
  fault?: FaultKind;
}

export type FaultAction =
  | { kind: 'status'; status: 429; retryAfter?: number }
  | { kind: 'status'; status: 500 | 502 | 503; body?: 'html' | 'json' }
  | { kind: 'reset' }
  | { kind: 'reset-mid-body' }
  | { kind: 'hang-headers' }
  | { kind: 'stall-body' }
  | { kind: 'html' }
  | { kind: 'not-envelope' }
  /**
   * A valid token refused as if it lacked the right: 401 with code 10000 "Authentication error". Without
   * a `path`, on probe requests only (those below an account or a zone); with one, on any request whose
   * path holds it (the zone lookup, the account itself), token verification always excepted. Valid tokens
   * are reported to get exactly this, intermittently, on a single one of several parallel requests, whatever
   * the request (cloudflare/workers-sdk#13854, cloudflare/workers-sdk#10364).
   */
  | { kind: 'auth-flake' }
  | { kind: 'slow'; ms: number }
  /** A Cloudflare error envelope with this status and code (a refused create, say). */
  | { kind: 'cf-error'; status: number; code: number; message: string };

type FaultKind = FaultAction['kind'];

/**
 * A fault for the next matching API requests: `times` of them (default 1; Infinity makes it a rule),
 * those whose path (with query) contains `path` and whose method is `method`, when given.
 */
export type Fault = FaultAction & { path?: string; method?: string; times?: number };
