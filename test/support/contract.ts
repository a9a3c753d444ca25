import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Cloudflare's published contract (a cut of the official OpenAPI document), read at test time and never
 * copied into the repository. It lives in `../shared/cloudflare/openapi-subset.json` beside the checkout
 * (as in CI); MASTRAKIT_SHARED_DIR names another folder holding `cloudflare/openapi-subset.json` (a
 * worktree elsewhere). Absent both, the suites that need it are skipped and say so.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const sharedDir = process.env.MASTRAKIT_SHARED_DIR ? resolve(process.env.MASTRAKIT_SHARED_DIR) : resolve(REPO, '..', 'shared');
export const contractFile = resolve(sharedDir, 'cloudflare', 'openapi-subset.json');
export const hasContract = existsSync(contractFile);
export const noContractReason = `the official contract is not here: ${contractFile} is absent (put the shared folder beside the checkout, or set MASTRAKIT_SHARED_DIR)`;

export type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function loadContract(): Schema {
  return JSON.parse(readFileSync(contractFile, 'utf8')) as Schema;
}

/** Follows a local `$ref` (`#/components/schemas/x`). */
export function deref(doc: Schema, schema: Schema): Schema {
  let s = schema;
  for (let hops = 0; s.$ref && hops < 20; hops++) {
    s = (s.$ref as string).split('/').slice(1).reduce<Schema>((node, key) => node[key], doc);
  }
  return s;
}
