import type { RollbackResult } from './rollback.js';
import { create } from './messages.js';

/** What the user is told after a rollback: one line, and whether it worked. */
export function rollbackLine(result: RollbackResult): { ok: boolean; line: string } | null {
  switch (result.kind) {
    case 'nothing':
      return null;
    case 'deleted':
      return { ok: true, line: create.rolledBack(result.name) };
    case 'failed':
      return { ok: false, line: create.rollbackFailed(result.name, result.id, result.why) };
  }
}
