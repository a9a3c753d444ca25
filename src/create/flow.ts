import { exitCodeOf, type Report } from '../checks/run-checks.js';
import type { ProjectAnswers, Target } from '../target.js';
import { deleteToken, type CfApiToken } from '../cloudflare/tokens-api.js';
import type { Deps } from '../deps.js';
import { CancelledError, MastrakitError } from '../errors.js';
import type { PermissionRow } from '../permissions/rows.js';
import type { ConfigRead } from '../project/config.js';
import { reason } from '../checks/settle.js';
import { ACCOUNT_KEY, TOKEN_KEY, type SavePlan } from '../save/plan.js';
import { applySave, type SaveResult } from '../save/write.js';
import { checkCreated, createAndNarrow, CreateRefusal, type CreatePlan, type Preflight } from './make-token.js';
import { create, describeRefusal } from './messages.js';
import { freeName } from './policies.js';
import { PendingToken, type CreatedToken } from './rollback.js';
import { rollbackLine } from './outcome.js';
import { clientsFor, type ApiPlace } from './session.js';
import { USER_AGENT } from '../version.js';

/**
 * What the wizard and `--token-stdin` share once every answer is in: create, narrow, check, save, with
 * the rollback armed from the POST until the save (for errors, Ctrl-C and signals alike).
 */

export interface Settled {
  cwd: string;
  config: ConfigRead;
  answers: ProjectAnswers;
  target: Target;
  rows: readonly PermissionRow[];
  accountId: string;
  accountName: string | null;
  name: string;
  expiresOn: Date | null;
  save: SavePlan;
}

/** How the flow shows progress: the wizard's spinners and log, or plain lines for --token-stdin. */
export interface Show {
  spin<T>(message: string, work: (signal: AbortSignal | undefined) => Promise<T>, done: (result: T) => string): Promise<T>;
  success(line: string): void;
  warn(line: string): void;
  error(line: string): void;
  checks(report: Report): void;
}

export type Outcome =
  | { kind: 'saved'; token: CreatedToken; report: Report; result: SaveResult }
  /** Failed after the create (or before it, with nothing made): the token is rolled back; the lines are said. */
  | { kind: 'failed'; code: number; rollbackFailed: string | null };

/** The name to create under and the older tokens of the base name (offered for deletion once saved). */
export function nameFor(baseName: string, tokens: readonly CfApiToken[]): { name: string; older: CfApiToken[] } {
  const name = freeName(baseName, tokens.map((t) => t.name));
  return { name, older: tokens.filter((t) => t.name === baseName) };
}

export async function createCheckSave(
  deps: Deps,
  place: ApiPlace,
  bootstrap: string,
  pre: Preflight,
  settled: Settled,
  show: Show,
): Promise<Outcome> {
  // The rollback deletes with a client of its own, never aborted by a spinner's Ctrl-C.
  const pending = new PendingToken(() => clientsFor(place, bootstrap).write);
  const tell = async (): Promise<string | null> => {
    const said = rollbackLine(await pending.rollBack());
    if (!said) return null;
    if (said.ok) {
      show.warn(said.line);
      return null;
    }
    show.error(said.line);
    return said.line;
  };
  let saving: Promise<unknown> | null = null;
  const unregister = deps.beforeSignalExit(async () => {
    // A save under way is let finish: deleting the token it is writing would leave a dead token in
    // .env.dev-secrets (over the one it replaced), under a line saying nothing was saved.
    if (saving) await saving.catch(() => undefined);
    if (pending.isSaved) {
      deps.stderr.write(`✔ ${create.savedBeforeStop(settled.name)}\n`);
      return;
    }
    const said = rollbackLine(await pending.rollBack());
    if (said) deps.stderr.write(`${said.ok ? '✔' : '❌'} ${said.line}\n`);
  });
  const plan: CreatePlan = {
    name: settled.name,
    groups: pre.groups,
    accountId: settled.accountId,
    domain: settled.answers.domain,
    expiresOn: settled.expiresOn,
  };
  try {
    const made = await show.spin(
      create.creating,
      (signal) => createAndNarrow(place, bootstrap, plan, pending, signal),
      (m) => (m.zone ? create.narrowed(m.token.name, m.zone.name) : create.created(m.token.name)),
    );
    const report = await show.spin(
      create.checking,
      (signal) => checkCreated({ ...place, userAgent: USER_AGENT, now: deps.now }, made.token.value, { accountId: settled.accountId, target: settled.target, signal }),
      () => 'Checked the new token with Cloudflare',
    );
    show.checks(report);
    const code = exitCodeOf(report);
    if (code !== 0) throw new CreateRefusal('The new token does not pass every check, so it is not saved.', code);
    // The confirmation promised one account and one zone: a wider token (a narrowing that did not take) is not kept.
    if (report.checks.some((c) => (c.id === 'zones' || c.id === 'accounts') && c.status !== 'pass')) throw new CreateRefusal(create.tooWide);
    if (pending.rollingBack) throw new CancelledError();
    const updates = { ...settled.save.updates, [TOKEN_KEY]: made.token.value, [ACCOUNT_KEY]: settled.accountId };
    // Set in the same turn as the rollingBack test above, so a signal either rolls back or waits for this.
    const save = applySave(deps, settled.cwd, { ...settled.save, updates }).then((r) => {
      pending.markSaved();
      return r;
    });
    saving = save;
    const result = await save;
    unregister();
    return { kind: 'saved', token: made.token, report, result };
  } catch (error) {
    unregister();
    if (error instanceof MastrakitError && !(error instanceof CancelledError)) show.error(error.message);
    const failed = await tell();
    if (error instanceof CancelledError) {
      throw new CancelledError(failed ? `Cancelled. ${failed}` : 'Cancelled. Nothing was saved, and no token was left behind.');
    }
    if (!(error instanceof MastrakitError)) throw error;
    return { kind: 'failed', code: error.exitCode, rollbackFailed: failed };
  }
}

/** Deletes a token with the bootstrap token; a sentence saying why not, or null when it is gone. */
export async function deleteWithBootstrap(place: ApiPlace, bootstrap: string, id: string): Promise<string | null> {
  try {
    const answer = await deleteToken(clientsFor(place, bootstrap).write, id);
    return answer.success ? null : describeRefusal(answer);
  } catch (error) {
    return reason(error);
  }
}
