/** Cloudflare's v4 envelope and the errors the stand-in answers with (codes and statuses from docs/cloudflare-api.md). */

interface CfError {
  code: number;
  message: string;
  error_chain?: CfError[];
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface Envelope {
  success: boolean;
  errors: CfError[];
  messages: CfError[];
  result: unknown;
  result_info?: ResultInfo;
}

/** What a route decides: the status and the envelope, and whether it changed anything. */
export interface ApiAnswer {
  status: number;
  body: Envelope;
  write?: boolean;
}

export function ok(result: unknown, extra: { messages?: CfError[]; resultInfo?: ResultInfo } = {}): ApiAnswer {
  const body: Envelope = { success: true, errors: [], messages: extra.messages ?? [], result };
  if (extra.resultInfo) body.result_info = extra.resultInfo;
  return { status: 200, body };
}

export function fail(status: number, error: CfError): ApiAnswer {
  return { status, body: { success: false, errors: [error], messages: [], result: null } };
}

export const answers = {
  noRoute: (path: string) =>
    fail(404, { code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` }),
  // Inferred: Cloudflare's code for a method a route does not serve.
  methodNotAllowed: (method: string) => fail(405, { code: 7001, message: `Method ${method} not available for that URI.` }),
  missingAuth: () => fail(400, { code: 9106, message: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers' }),
  malformedAuth: () =>
    fail(400, {
      code: 6003,
      message: 'Invalid request headers',
      error_chain: [{ code: 6111, message: 'Invalid format for Authorization header' }],
    }),
  invalidToken: () => fail(401, { code: 1000, message: 'Invalid API Token' }),
  // The list of accounts, asked with an account-owned token (edgefirst-dev/starter issue 3; docs/cloudflare-api.md, "Accounts").
  accountsListRefused: () => fail(400, { code: 1001, message: 'List accounts endpoint does not support account owned tokens' }),
  // Workers and KV answer code 10000 for a bad token too (docs/cloudflare-api.md, "Missing permission").
  workersAuthError: (status: number) => fail(status, { code: 10000, message: 'Authentication error' }),
  ipNotAllowed: (ip: string) => fail(403, { code: 9109, message: `Cannot use the access token from location: ${ip}` }),
  unauthorized: () => fail(403, { code: 9109, message: 'Unauthorized to access requested resource' }),
  kvDeleteNotAllowed: () =>
    fail(405, { code: 10000, message: 'DELETE method not allowed for the api_token authentication scheme' }),
  // Inferred: the official contract rejects these values; the code and wording are not published.
  badPaging: (name: string, detail: string) => fail(400, { code: 1004, message: `Invalid ${name}: ${detail}` }),
  // Inferred: what a gateway validating the official contract answers for a path parameter beyond its maxLength.
  tooLong: (name: string, max: number) => fail(400, { code: 1004, message: `Invalid ${name}: longer than ${max} characters` }),
  scriptNotFound: () => fail(404, { code: 10007, message: 'workers.api.error.script_not_found' }),
  kvBadId: (id: string) => fail(400, { code: 10011, message: `could not parse UUID from request's namespace_id: '${id}'` }),
  kvNotFound: () => fail(404, { code: 10013, message: 'namespace not found' }),
  dnsRecordNotFound: () => fail(404, { code: 81044, message: 'Record does not exist.' }),
  // Inferred: the code Cloudflare gives ordering a certificate on a zone without Advanced Certificate
  // Manager (1450), assumed for every certificate pack request there; the status and wording are not public.
  noAdvancedCertificateManager: () =>
    fail(403, { code: 1450, message: 'Advanced Certificate Manager is not enabled for this zone' }),
  // Inferred: no public source shows the not-found answer for a certificate pack.
  certificatePackNotFound: () => fail(404, { code: 1404, message: 'Certificate pack not found.' }),
  // Inferred: no public source shows the not-found answer for a Workers route.
  workersRouteNotFound: () => fail(404, { code: 10020, message: 'Route not found.' }),
};

export const TOKEN_VALID_MESSAGE: CfError = { code: 10000, message: 'This API Token is valid and active' };
