import type { CfAccount, CfTokenVerify, CfZone } from './types.js';

/**
 * The `result` of each answer mastrakit reads, checked field by field before it is used. Account and
 * zone ids go into request paths and into .env.dev-secrets, so an id is accepted only as Cloudflare
 * writes one (32 lowercase hex): `..` cannot move a probe off its route, and `$(…)` is never saved.
 * A reader returns undefined for a result of the wrong shape; the client then reports the answer as
 * not Cloudflare's JSON.
 */
export type ShapeReader<T> = (result: unknown) => T | undefined;

const CF_ID = /^[0-9a-f]{32}$/;

export function isCfId(value: unknown): value is string {
  return typeof value === 'string' && CF_ID.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string';
}

export const readAccount: ShapeReader<CfAccount> = (r) => {
  if (!isRecord(r) || !isCfId(r.id) || typeof r.name !== 'string') return undefined;
  return { id: r.id, name: r.name };
};

export const readZone: ShapeReader<CfZone> = (r) => {
  if (!isRecord(r) || !isCfId(r.id) || typeof r.name !== 'string') return undefined;
  if (r.account === undefined || r.account === null) return { id: r.id, name: r.name };
  const a = r.account;
  if (!isRecord(a) || !isCfId(a.id) || !optionalString(a.name)) return undefined;
  return { id: r.id, name: r.name, account: { id: a.id, ...(typeof a.name === 'string' && { name: a.name }) } };
};

export const readTokenVerify: ShapeReader<CfTokenVerify> = (r) => {
  if (!isRecord(r) || !isCfId(r.id) || typeof r.status !== 'string') return undefined;
  if (!optionalString(r.expires_on) || !optionalString(r.not_before)) return undefined;
  return { id: r.id, status: r.status, expires_on: r.expires_on ?? null, not_before: r.not_before ?? null };
};

/**
 * A list whose every item has the item's shape; one wrong item makes the whole answer wrong. Items
 * beyond `max` (the per_page asked for) are not read at all: a server sending more is ignored past it.
 */
export function listOf<T>(read: ShapeReader<T>, max: number): ShapeReader<T[]> {
  return (r) => {
    if (!Array.isArray(r)) return undefined;
    const items: T[] = [];
    for (const item of r.slice(0, max)) {
      const ok = read(item);
      if (ok === undefined) return undefined;
      items.push(ok);
    }
    return items;
  };
}

/** For answers whose body is not read (a probe's): any result will do. */
export const anyResult: ShapeReader<unknown> = (r) => r;
