import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeHex32, sampleWorld, startStandIn, type SampleTokenName, type StandIn } from '../../src/stand-in/index.js';
import { hasContract, loadContract, noContractReason, type Schema } from '../support/contract.js';
import { call } from './http.js';
import { registerSecret } from '../support/secret-scan.js';

// Checks the stand-in's answers against Cloudflare's published contract, read at test time from where
// test/support/contract.ts says (never copied into the repository). Where it is absent, this suite is skipped.
if (!hasContract) console.warn(`[contract] skipped: ${noContractReason}`);

/** A light structural check: $ref, allOf, oneOf/anyOf, type, nullable, enum, required, properties, items, maxLength. */
function problems(doc: Schema, schema: Schema | undefined, value: unknown, at = '$'): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    const target = (schema.$ref as string).split('/').slice(1).reduce<Schema>((node, key) => node[key], doc);
    return problems(doc, target, value, at);
  }
  if (value === null && schema.nullable) return [];
  const found: string[] = [];
  for (const part of schema.allOf ?? []) found.push(...problems(doc, part, value, at));
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (alternatives && !alternatives.some((alt) => problems(doc, alt, value, at).length === 0)) {
    found.push(`${at}: matches none of the alternatives`);
  }
  if (schema.enum && !schema.enum.some((e: unknown) => e === value)) found.push(`${at}: ${JSON.stringify(value)} not in enum`);
  const type = schema.type as string | undefined;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  const typeOk =
    type === undefined ||
    (type === 'integer' ? Number.isInteger(value) : type === actual) ||
    (type === 'number' && actual === 'number');
  if (!typeOk) return [...found, `${at}: expected ${type}, got ${actual}`];
  if (typeof value === 'string' && schema.maxLength !== undefined && value.length > schema.maxLength) {
    found.push(`${at}: longer than ${schema.maxLength}`);
  }
  if (actual === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) found.push(`${at}: missing ${key}`);
    for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      if (key in record) found.push(...problems(doc, sub, record[key], `${at}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => found.push(...problems(doc, schema.items, item, `${at}[${i}]`)));
  }
  return found;
}

/**
 * The schema an answer should meet. Some published failure schemas combine the success envelope
 * (`success: true`) with the failure one; for errors, the failure part alone is the contract.
 */
function responseSchema(doc: Schema, method: string, template: string, status: number): Schema | undefined {
  const op = doc.paths[template]?.[method.toLowerCase()];
  if (!op) throw new Error(`the contract has no ${method} ${template}`);
  const response = op.responses[status < 300 ? '200' : '4XX'];
  const schema = response?.content?.['application/json']?.schema as Schema | undefined;
  if (!schema || status < 300) return schema;
  const failure = (schema.allOf as Schema[] | undefined)?.find((part) => /api-response-common-failure$/.test(part.$ref ?? ''));
  return failure ?? schema;
}

const s = sampleWorld();
const acme = s.account.id;
const zone = s.zone.id;
const absent = fakeHex32('an id that exists nowhere');

describe.skipIf(!hasContract)('answers meet the published contract', () => {
  let doc: Schema;
  let standIn: StandIn;
  beforeAll(async () => {
    doc = loadContract();
    standIn = await startStandIn({ world: s.world });
  });
  afterAll(() => standIn.close());

  it.each<[string, string, string, SampleTokenName]>([
    ['GET', '/user/tokens/verify', '/user/tokens/verify', 'complete'],
    ['GET', '/user/tokens/verify', '/user/tokens/verify', 'expired'],
    ['GET', '/user/tokens/verify', '/user/tokens/verify', 'accountOwned'],
    ['GET', '/accounts/{account_id}/tokens/verify', `/accounts/${acme}/tokens/verify`, 'accountOwned'],
    ['GET', '/accounts', '/accounts', 'allAccounts'],
    ['GET', '/accounts', '/accounts?per_page=500', 'allAccounts'],
    ['GET', '/accounts/{account_id}', `/accounts/${acme}`, 'complete'],
    ['GET', '/accounts/{account_id}', `/accounts/${acme}`, 'wrongAccount'],
    ['GET', '/accounts/{account_id}/members', `/accounts/${acme}/members?per_page=5`, 'complete'],
    ['GET', '/accounts/{account_id}/members', `/accounts/${acme}/members?per_page=5`, 'missingAccountSettingsRead'],
    ['DELETE', '/accounts/{account_id}/storage/kv/namespaces/{namespace_id}', `/accounts/${acme}/storage/kv/namespaces/${absent}`, 'complete'],
    ['DELETE', '/accounts/{account_id}/storage/kv/namespaces/{namespace_id}', `/accounts/${acme}/storage/kv/namespaces/${absent}`, 'missingKvEdit'],
    ['GET', '/zones', '/zones?name=example.com', 'complete'],
    ['GET', '/zones', '/zones?name=example.com', 'missingZoneRead'],
    ['GET', '/zones/{zone_id}', `/zones/${zone}`, 'complete'],
    ['GET', '/zones/{zone_id}/settings/origin_max_http_version', `/zones/${zone}/settings/origin_max_http_version`, 'complete'],
    ['GET', '/zones/{zone_id}/settings/origin_max_http_version', `/zones/${zone}/settings/origin_max_http_version`, 'missingZoneRead'],
    ['DELETE', '/zones/{zone_id}/dns_records/{dns_record_id}', `/zones/${zone}/dns_records/${absent}`, 'complete'],
    ['DELETE', '/zones/{zone_id}/dns_records/{dns_record_id}', `/zones/${zone}/dns_records/${s.existing.dnsRecordId}`, 'complete'],
    ['DELETE', '/zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}', `/zones/${zone}/ssl/certificate_packs/${absent}`, 'missingSslEdit'],
    ['DELETE', '/zones/{zone_id}/ssl/certificate_packs/{certificate_pack_id}', `/zones/${zone}/ssl/certificate_packs/${s.existing.certificatePackId}`, 'complete'],
  ])('%s %s (%s as %s)', async (method, template, path, tokenName) => {
    const answer = await call(standIn, method, path, s.tokens[tokenName].value);
    expect(problems(doc, responseSchema(doc, method, template, answer.status), answer.body)).toEqual([]);
  });

  // The token API `setup --create` uses, each answer against its operation (bodies sent as the flow sends them).
  it.each<[string, string, string, SampleTokenName, 'create-body' | 'put-body' | null]>([
    ['GET', '/user/tokens/permission_groups', '/user/tokens/permission_groups', 'bootstrap', null],
    ['GET', '/user/tokens/permission_groups', '/user/tokens/permission_groups', 'complete', null],
    ['POST', '/user/tokens', '/user/tokens', 'bootstrap', 'create-body'],
    ['POST', '/user/tokens', '/user/tokens', 'bootstrapReadOnly', 'create-body'],
    ['PUT', '/user/tokens/{token_id}', `/user/tokens/${s.tokens.complete.id}`, 'bootstrap', 'put-body'],
    ['PUT', '/user/tokens/{token_id}', `/user/tokens/${absent}`, 'bootstrap', 'put-body'],
    ['DELETE', '/user/tokens/{token_id}', `/user/tokens/${s.tokens.missingKvEdit.id}`, 'bootstrap', null],
    ['DELETE', '/user/tokens/{token_id}', `/user/tokens/${absent}`, 'bootstrap', null],
  ])('%s %s (token API, as %4$s)', async (method, template, path, tokenName, bodyKind) => {
    const policies = [
      { effect: 'allow', permission_groups: [{ id: 'e086da7e2179491d91ee5f35b3ca210a' }], resources: { [`com.cloudflare.api.account.${acme}`]: '*' } },
      { effect: 'allow', permission_groups: [{ id: '4755a26eedb94da69e1066d98aa820be' }], resources: { [`com.cloudflare.api.account.zone.${zone}`]: '*' } },
    ];
    const body = bodyKind === 'create-body' ? { name: 'mastrakit-acme-deploy', policies, expires_on: '2030-01-01T00:00:00Z' }
      : bodyKind === 'put-body' ? { id: path.split('/').at(-1), name: 'mastrakit-acme-deploy', status: 'active', policies } : undefined;
    if (body) {
      const op = doc.paths[template][method.toLowerCase()];
      expect(problems(doc, op.requestBody.content['application/json'].schema, body)).toEqual([]);
    }
    const res = await fetch(`${standIn.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${s.tokens[tokenName].value}`, 'content-type': 'application/json' },
      ...(body && { body: JSON.stringify(body) }),
    });
    const answer = (await res.json()) as unknown;
    expect(problems(doc, responseSchema(doc, method, template, res.status), answer)).toEqual([]);
    const made = (answer as { result?: { value?: string } }).result?.value;
    if (made) registerSecret(made);
  });

  it('the checker itself rejects a wrong shape', () => {
    const schema = responseSchema(doc, 'GET', '/user/tokens/verify', 200);
    const wrong = { success: true, errors: [], messages: [], result: { id: 'x'.repeat(40), status: 'fine' } };
    expect(problems(doc, schema, wrong)).toEqual([
      '$.result.id: longer than 32',
      '$.result.status: "fine" not in enum',
    ]);
  });
});
