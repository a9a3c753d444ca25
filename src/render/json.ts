import type { Report } from '../checks/run-checks.js';

export type TokenSourceName = 'environment' | '.env.dev-secrets' | 'stdin' | 'prompt';

/** The `doctor --json` document (PRODUCT.md). The token itself is never part of it. */
export function reportJson(report: Report, meta: { key: string; source: TokenSourceName; exitCode: number }) {
  return {
    ok: meta.exitCode === 0,
    key: meta.key,
    source: meta.source,
    token: report.token
      ? { id: report.token.id, status: report.token.status, kind: report.token.kind, expiresOn: report.token.expiresOn }
      : null,
    account: report.account ? { id: report.account.id, name: report.account.name, access: report.account.access } : null,
    checks: report.checks.map(({ id, title, key, required, status, message, fix }) => ({ id, title, key, required, status, message, fix })),
    missing: report.missing,
  };
}

export function errorJson(message: string) {
  return { ok: false, error: message };
}
