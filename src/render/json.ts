import type { Report } from '../checks/run-checks.js';
import { PERMISSION_ROWS, type PermissionRow } from '../permissions/rows.js';
import { VERSION } from '../version.js';

/**
 * The shape of every `--json` document, documented in the README. Raised when a field is removed or
 * changes meaning; adding a field keeps it.
 */
const SCHEMA_VERSION = 1;
const header = () => ({ schemaVersion: SCHEMA_VERSION, version: VERSION });

type TokenSourceName = 'environment' | '.env.dev-secrets' | 'stdin' | 'prompt';

/**
 * Cloudflare's name and id of the permission group a check is about; null for checks that are not about
 * a permission row (the token, the account). The check's `key` stays the docs page's.
 */
function permissionGroup(checkId: string): PermissionRow['apiGroup'] | null {
  const row = PERMISSION_ROWS.find((r) => r.id === checkId);
  return row ? { name: row.apiGroup.name, id: row.apiGroup.id } : null;
}

/** The `doctor --json` document (its shape is in the README). The token itself is never part of it. */
export function reportJson(report: Report, meta: { key: string; source: TokenSourceName; exitCode: number; warnings?: readonly string[] }) {
  return {
    ...header(),
    ok: meta.exitCode === 0,
    key: meta.key,
    source: meta.source,
    token: report.token
      ? { id: report.token.id, status: report.token.status, kind: report.token.kind, expiresOn: report.token.expiresOn }
      : null,
    account: report.account ? { id: report.account.id, name: report.account.name, access: report.account.access } : null,
    checks: report.checks.map(({ id, title, key, required, status, message, fix }) => ({
      id,
      title,
      key,
      permissionGroup: permissionGroup(id),
      required,
      status,
      message,
      fix,
    })),
    missing: report.missing,
    warnings: [...(meta.warnings ?? [])],
  };
}

/** exit 2 or 3 before any check ran; `accounts` when the token reaches several and none was chosen. */
export function errorJson(message: string, accounts?: readonly { id: string; name: string }[]) {
  return { ...header(), ok: false as const, error: message, ...(accounts ? { accounts: accounts.map(({ id, name }) => ({ id, name })) } : {}) };
}

/**
 * A JSON document as printed: JSON.stringify escapes C0 controls itself (a raw newline left is the
 * layout's); this also escapes DEL, C1 controls, bidi and other format characters and line separators (U+2028/9), so a terminal showing the
 * document raw acts on none of them. Server strings are already made safe where they enter
 * (cloudflare/server-text.ts); this covers every other string in the document too.
 */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/gu, escapeForJson)}\n`;
}

function escapeForJson(ch: string): string {
  // A character outside the BMP (a tag character) is two UTF-16 escapes in JSON.
  return Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');
}
