import { listAll } from './list-all.js';
import { anyResult, isCfId, listOf, type ShapeReader } from './shapes.js';
import type { CfAnswer, CloudflareClient, CloudflareWriter } from './types.js';

/** Cloudflare's token API (docs/cloudflare-api.md, "Creating a token through the API"), as `setup --create` uses it. */

export interface CfPermissionGroup {
  id: string;
  name: string;
  scopes?: string[];
}

/** The resources of one policy: `com.cloudflare.api.account.<id>` → `"*"`, or → `{ "com.cloudflare.api.account.zone.*": "*" }`. */
type PolicyResources = Record<string, '*' | Record<string, '*'>>;

export interface TokenPolicy {
  effect: 'allow';
  permission_groups: { id: string }[];
  resources: PolicyResources;
}

/** What `POST /user/tokens` and `PUT /user/tokens/{id}` take. */
export interface TokenBody {
  name: string;
  policies: TokenPolicy[];
  expires_on?: string;
}

/** A token as the token API lists it (never with its value). */
export interface CfApiToken {
  id: string;
  name: string;
  status?: string;
  issued_on?: string;
  expires_on?: string;
}

/** The create answer: the only time Cloudflare shows the value. */
interface CfCreatedToken extends CfApiToken {
  value: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cloudflare lists a few hundred groups, in one page. */
const MAX_GROUPS = 5000;

/** A group whose id is not a Cloudflare id is never sent back in a create. */
const readGroup: ShapeReader<CfPermissionGroup> = (r) => {
  if (!isRecord(r) || !isCfId(r.id) || typeof r.name !== 'string') return undefined;
  const scopes = Array.isArray(r.scopes) ? r.scopes.filter((x): x is string => typeof x === 'string') : undefined;
  return { id: r.id, name: r.name, ...(scopes && { scopes }) };
};

const readToken: ShapeReader<CfApiToken> = (r) => {
  if (!isRecord(r) || !isCfId(r.id) || typeof r.name !== 'string') return undefined;
  return { id: r.id, name: r.name, ...(typeof r.status === 'string' && { status: r.status }) };
};

/** The value is a token of either published format (40 or 53 characters, no spaces): anything else is not one. */
const readCreated: ShapeReader<CfCreatedToken> = (r) => {
  const token = readToken(r);
  if (!token || !isRecord(r) || typeof r.value !== 'string' || !/^[A-Za-z0-9_-]{40,80}$/.test(r.value)) return undefined;
  return { ...token, value: r.value };
};

export function listPermissionGroups(client: CloudflareClient): Promise<CfAnswer<CfPermissionGroup[]>> {
  return client.request('GET', '/user/tokens/permission_groups', undefined, listOf(readGroup, MAX_GROUPS));
}

/** Every token of the user (paged). Throws CfListError when refused. */
export async function listTokens(client: CloudflareClient): Promise<CfApiToken[]> {
  return (await listAll(client, '/user/tokens', readToken)).items;
}

export function createToken(writer: CloudflareWriter, body: TokenBody): Promise<CfAnswer<CfCreatedToken>> {
  return writer.write('POST', '/user/tokens', body, readCreated);
}

/** Replaces the token's name, policies and dates; its value stays. */
export function updateToken(writer: CloudflareWriter, id: string, body: TokenBody): Promise<CfAnswer<unknown>> {
  return writer.write('PUT', `/user/tokens/${encodeURIComponent(id)}`, { ...body, id, status: 'active' }, anyResult);
}

export function deleteToken(writer: CloudflareWriter, id: string): Promise<CfAnswer<unknown>> {
  return writer.write('DELETE', `/user/tokens/${encodeURIComponent(id)}`, undefined, anyResult);
}
