import { deleteToken } from '../cloudflare/tokens-api.js';
import type { CloudflareWriter } from '../cloudflare/types.js';
import { reason } from '../checks/settle.js';
import { describeRefusal } from './messages.js';

export interface CreatedToken {
  id: string;
  name: string;
  /** Held in memory only, until it is saved to .env.dev-secrets. */
  value: string;
}

export type RollbackResult =
  | { kind: 'nothing' }
  | { kind: 'deleted'; name: string; id: string }
  | { kind: 'failed'; name: string; id: string; why: string };

/**
 * The token `setup --create` made, from the moment its POST is sent until it is saved. Anything that
 * stops the flow in between (a failed check or save, Ctrl-C, SIGTERM) calls rollBack(), which deletes
 * it once, however many paths ask: a POST still in flight is waited for first, so a token created
 * while the user pressed Ctrl-C is deleted too.
 */
export class PendingToken {
  private creating: Promise<CreatedToken | null> = Promise.resolve(null);
  private saved = false;
  private rollback: Promise<RollbackResult> | null = null;

  constructor(private readonly writer: () => CloudflareWriter) {}

  /** The POST: resolves with the token, or null when nothing was created. */
  track(creating: Promise<CreatedToken | null>): void {
    this.creating = creating.catch(() => null);
  }

  /** True once rollBack() has begun: the flow must not save after that. */
  get rollingBack(): boolean {
    return this.rollback !== null;
  }

  markSaved(): void {
    this.saved = true;
  }

  get isSaved(): boolean {
    return this.saved;
  }

  rollBack(): Promise<RollbackResult> {
    this.rollback ??= this.saved ? Promise.resolve({ kind: 'nothing' }) : this.deleteCreated();
    return this.rollback;
  }

  private async deleteCreated(): Promise<RollbackResult> {
    const token = await this.creating;
    if (!token) return { kind: 'nothing' };
    const { id, name } = token;
    try {
      const answer = await deleteToken(this.writer(), id);
      // Already gone counts as deleted (a second path, or the user in the dashboard).
      if (answer.success || answer.status === 404) return { kind: 'deleted', id, name };
      return { kind: 'failed', id, name, why: describeRefusal(answer) };
    } catch (error) {
      return { kind: 'failed', id, name, why: reason(error) };
    }
  }
}
