import { randomBytes } from 'node:crypto';
import type { CfMethod } from '../cloudflare/types.js';

/**
 * How each permission is proven without changing anything (docs/cloudflare-api.md, "Probes"). A GET proves only
 * Read, so an Edit is proven by a DELETE aimed at an id that cannot exist: Cloudflare checks permission
 * before existence, so "not found" means the right is held and 10000/9109 means it is not.
 */
export interface Probe {
  method: CfMethod;
  path: string;
  query?: Record<string, string | number>;
}

/**
 * Every id put in a path meets the official parameter schema of its operation (docs/cloudflare-api.md,
 * "Probes"): zone, DNS record, certificate pack and KV namespace ids are at most 32 characters, a Worker
 * name matches `^[a-z0-9_][a-z0-9-_]*$`. A validating proxy refuses anything else, which would turn a
 * verdict into "could not check". 32 lowercase hex digits fit all of them (a certificate pack id is a UUID
 * at Cloudflare, whose parser also accepts the form without dashes).
 */
export const probeId = (): string => randomBytes(16).toString('hex');
/** A Worker name that cannot exist: the prefix says whose it is, 24 hex make it unique. */
export const probeScriptName = (): string => `mastrakit-probe-${randomBytes(12).toString('hex')}`;
