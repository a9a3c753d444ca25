import { listAll } from './list-all.js';
import type { CfAnswer, CloudflareClient, CloudflareWriter } from './types.js';

/** Cloudflare's token API (docs/cloudflare-api.md, "Creating a token through the API"), as `setup --create` uses it. */

export interface CfPermissionGroup {
  id: string;
  name: string;
  scopes?: string[];
}

/** The resources of one policy: `com.cloudflare.api.account.<id>` → `"*"`, or → `{ "com.cloudflare.api.account.zone.*": "*" }`. */
export type PolicyResources = Record<string, '*' | Record<string, '*'>>;

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
export interface CfCreatedToken extends CfApiToken {
  value: string;
}

export function listPermissionGroups(client: CloudflareClient): Promise<CfAnswer<CfPermissionGroup[]>> {
  return client.request<CfPermissionGroup[]>('GET', '/user/tokens/permission_groups');
}

/** Every token of the user (paged). Throws CfListError when refused. */
export function listTokens(client: CloudflareClient): Promise<CfApiToken[]> {
  return listAll<CfApiToken>(client, '/user/tokens');
}

export function createToken(writer: CloudflareWriter, body: TokenBody): Promise<CfAnswer<CfCreatedToken>> {
  return writer.write<CfCreatedToken>('POST', '/user/tokens', body);
}

/** Replaces the token's name, policies and dates; its value stays. */
export function updateToken(writer: CloudflareWriter, id: string, body: TokenBody): Promise<CfAnswer<CfApiToken>> {
  return writer.write<CfApiToken>('PUT', `/user/tokens/${encodeURIComponent(id)}`, { ...body, id, status: 'active' });
}

export function deleteToken(writer: CloudflareWriter, id: string): Promise<CfAnswer<{ id: string }>> {
  return writer.write<{ id: string }>('DELETE', `/user/tokens/${encodeURIComponent(id)}`);
}
