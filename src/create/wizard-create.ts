import type { CfAccount } from '../cloudflare/types.js';
import { CancelledError } from '../errors.js';
import type { Deps } from '../deps.js';
import type { PermissionRow } from '../permissions/rows.js';
import { tokenName } from '../permissions/template-url.js';
import type { ConfigRead } from '../project/config.js';
import { SECRETS_FILE } from '../project/secrets-file.js';
import { renderCheckLines } from '../render/lines.js';
import { readTokenShape, isAccountId } from '../token/shape.js';
import type { Prompter } from '../ui/prompter.js';
import type { ProjectAnswers } from '../target.js';
import { askSave } from '../wizard/ask-save.js';
import { changeLines, duplicateWarnings, environmentShadow, notIgnoredRisk } from '../save/messages.js';
import { planSave, TOKEN_KEY, type SavePlan } from '../save/plan.js';
import { doctorCommand } from '../wizard/next-command.js';
import { confirmLines } from './confirm-screen.js';
import { createCheckSave, deleteWithBootstrap, nameFor, type Show } from './flow.js';
import { CreateRefusal, preflight, type Preflight } from './make-token.js';
import { create, TOKENS_PAGE } from './messages.js';
import { day, expiryFromFlag, oneYearFrom, parseExpiry } from './policies.js';
import { apiPlace, type ApiPlace } from './session.js';

export interface CreateInput {
  deps: Deps;
  cwd: string;
  slug: string;
  config: ConfigRead;
  answers: ProjectAnswers;
  /** The rows of the permission table just shown: exactly those are created. */
  rows: readonly PermissionRow[];
  /** From --account-id, the environment or .env.dev-secrets; null to learn or ask. */
  accountId: string | null;
  timeoutSeconds: number | undefined;
  /** --expires, unparsed; undefined: ask. */
  expires?: string;
}

export type Way = 'dashboard' | 'create';

/** Step 4's choice: the dashboard's pre-filled form (today's flow), or mastrakit creating the token. */
export async function askWay(p: Prompter, zones: boolean): Promise<Way> {
  return p.select<Way>({
    message: create.way,
    options: [
      { value: 'dashboard', label: create.wayDashboard, hint: create.wayDashboardHint(zones) },
      { value: 'create', label: create.wayCreate, hint: create.wayCreateHint },
    ],
    initialValue: 'dashboard',
  });
}

/** Why a pasted bootstrap token is refused before asking Cloudflare (never echoing it); undefined to accept. */
export function bootstrapProblem(value: string): string | undefined {
  const verdict = readTokenShape(value);
  if (verdict.ok) return undefined;
  if (verdict.kind === 'empty') return `Nothing was pasted. ${create.bootstrapPrompt.split('. ').slice(1).join('. ')}`;
  if (verdict.kind === 'global-api-key') return create.globalKey;
  return create.wrongKind(verdict.message);
}

async function askBootstrap(p: Prompter): Promise<string> {
  const raw = await p.password({ message: create.bootstrapPrompt, validate: bootstrapProblem });
  const verdict = readTokenShape(raw);
  if (!verdict.ok) throw new Error('a refused bootstrap token passed validation');
  // Not even its last four characters: the bootstrap token is never shown.
  p.log.info(create.gotBootstrap);
  return verdict.token;
}

async function askAccount(p: Prompter, accounts: readonly CfAccount[]): Promise<{ id: string; name: string | null }> {
  const [only, ...more] = accounts;
  if (only && more.length === 0) return { id: only.id, name: only.name };
  if (only) {
    const id = await p.select<string>({
      message: create.accountChoose,
      options: accounts.map((a) => ({ value: a.id, label: a.name || a.id, hint: a.id })),
    });
    return { id, name: accounts.find((a) => a.id === id)?.name ?? null };
  }
  const typed = await p.text({
    message: create.accountPrompt,
    placeholder: '0123456789abcdef0123456789abcdef',
    validate: (v) => (isAccountId(v.trim().toLowerCase()) ? undefined : create.accountInvalid),
  });
  return { id: typed.trim().toLowerCase(), name: null };
}

async function askExpiry(p: Prompter, now: Date): Promise<Date | null> {
  const year = oneYearFrom(now);
  const choice = await p.select<'year' | 'never' | 'date'>({
    message: create.expiryPrompt,
    options: [
      { value: 'year', label: create.expiryYear(day(year)), hint: create.expiryYearHint },
      { value: 'never', label: create.expiryNever },
      { value: 'date', label: create.expiryOther },
    ],
    initialValue: 'year',
  });
  if (choice === 'year') return year;
  if (choice === 'never') return null;
  const typed = await p.text({
    message: create.expiryDatePrompt,
    placeholder: day(year),
    validate: (v) => {
      const parsed = parseExpiry(v, now);
      return parsed.ok ? undefined : parsed.reason;
    },
  });
  const parsed = parseExpiry(typed, now);
  if (!parsed.ok) throw new Error('a refused date passed validation');
  return parsed.date;
}

/**
 * The save questions, asked before anything is created, so that nothing is asked between the create and
 * the save. The replace question is worded here (the new token has no last four characters yet); the
 * rest are the pasted flow's own.
 */
async function askSaveFirst(p: Prompter, plan: SavePlan): Promise<SavePlan | null> {
  if (plan.replacing !== null) {
    const replace = await p.confirm({
      message: `${SECRETS_FILE} already holds a different ${TOKEN_KEY} (${plan.replacing}). Replace it with the token mastrakit creates?`,
      initialValue: true,
    });
    if (!replace) return null;
  }
  const asked = await askSave(p, { ...plan, replacing: null }, '');
  return asked && { ...asked, replacing: plan.replacing };
}

async function bootstrapAndPreflight(p: Prompter, place: ApiPlace, rows: readonly PermissionRow[]): Promise<{ bootstrap: string; pre: Preflight } | null> {
  p.log.message(create.bootstrapSteps.join('\n'));
  p.url(TOKENS_PAGE);
  for (;;) {
    const bootstrap = await askBootstrap(p);
    try {
      const pre = await p.spin('Checking the bootstrap token with Cloudflare', (signal) => preflight(place, bootstrap, rows, signal), () => 'Checked the bootstrap token');
      return { bootstrap, pre };
    } catch (error) {
      if (!(error instanceof CreateRefusal)) throw error;
      p.log.error(error.message);
      const next = await p.select<'paste' | 'quit'>({
        message: 'What now?',
        options: [
          { value: 'paste', label: 'Paste another bootstrap token' },
          { value: 'quit', label: 'Quit', hint: 'nothing was created or written' },
        ],
      });
      if (next === 'quit') return null;
    }
  }
}

/**
 * The wizard's "Let mastrakit create it": the bootstrap token, the account, the expiry and the save
 * questions; one screen showing exactly what will be created; then create, narrow, check, save, and
 * the offers to delete the bootstrap token and an older token of the same name. Returns the exit code.
 */
export async function createInWizard(p: Prompter, input: CreateInput): Promise<number> {
  const { deps, cwd, config, answers } = input;
  const place = apiPlace(deps, input.timeoutSeconds);
  const flagExpiry = expiryFromFlag(input.expires, deps.now());
  const { rows } = input;
  const target = { ...answers, purpose: 'deploy' as const, slug: input.slug };

  const got = await bootstrapAndPreflight(p, place, rows);
  if (!got) {
    p.outro('Quit: nothing was created or written.');
    return 1;
  }
  const { bootstrap, pre } = got;

  const account = input.accountId
    ? { id: input.accountId, name: pre.accounts.find((a) => a.id === input.accountId)?.name ?? null }
    : await askAccount(p, pre.accounts);
  const baseName = tokenName(input.slug);
  const { name, older } = nameFor(baseName, pre.tokens);
  if (name !== baseName) p.log.info(create.nameTaken(baseName, name));
  const expiresOn = flagExpiry !== undefined ? flagExpiry : await askExpiry(p, deps.now());
  const save = await askSaveFirst(p, await planSave({ deps, cwd, config, answers, token: '', accountId: account.id }));
  if (!save) {
    p.outro(`Kept the token already in ${SECRETS_FILE}: nothing was created or written.`);
    return 0;
  }

  p.note(confirmLines({ name, rows, accountId: account.id, accountName: account.name, domain: answers.domain, expiresOn }).join('\n'), create.confirmTitle);
  const go = await p.confirm({ message: create.confirm, initialValue: true });
  if (!go) {
    p.outro('Nothing was created or written.');
    return 0;
  }

  const show: Show = {
    spin: (message, work, done) => p.spin(message, (signal) => work(signal), done),
    success: (line) => p.log.success(line),
    warn: (line) => p.log.warn(line),
    error: (line) => p.log.error(line),
    checks: (report) => p.log.message(renderCheckLines(report.checks, { fixes: 'failed' }).join('\n')),
  };
  const outcome = await createCheckSave(
    deps,
    place,
    bootstrap,
    pre,
    { cwd, config, answers, target, rows, accountId: account.id, accountName: account.name, name, expiresOn, save },
    show,
  );
  if (outcome.kind === 'failed') {
    p.outro(outcome.rollbackFailed ?? 'Nothing was saved, and no token was left behind.');
    return outcome.code;
  }

  for (const line of changeLines(outcome.result, outcome.token.value)) p.log.success(line);
  for (const line of duplicateWarnings(outcome.result)) p.log.warn(line);
  const shadow = environmentShadow(deps.env, outcome.token.value);
  if (shadow) p.log.warn(shadow);
  const risk = notIgnoredRisk(save, outcome.result);
  if (risk) p.log.warn(risk);

  try {
    // The older token first: deleting it needs the bootstrap token.
    await offerOlder(p, place, bootstrap, baseName, older, pre.bootstrapId);
    if (await p.confirm({ message: create.deleteBootstrap, initialValue: true })) {
      const why = await deleteWithBootstrap(place, bootstrap, pre.bootstrapId);
      if (why) p.log.warn(create.bootstrapDeleteFailed(why));
      else p.log.success(create.bootstrapDeleted);
    } else {
      p.log.info(create.bootstrapKept);
    }
  } catch (error) {
    // Ctrl-C here: the default "Nothing was written" would be false, and the bootstrap token is still there.
    if (error instanceof CancelledError) throw new CancelledError(create.cancelledAfterSave(outcome.token.name));
    throw error;
  }

  p.outro(`Ready to deploy. To check the token again at any time:\n${doctorCommand(deps, cwd)}`);
  return 0;
}

/** Once the new token is saved: an older token of the base name may go (default no: CI may still use it). */
async function offerOlder(p: Prompter, place: ApiPlace, bootstrap: string, baseName: string, older: readonly { id: string }[], bootstrapId: string): Promise<void> {
  const ids = older.map((t) => t.id).filter((id) => id !== bootstrapId);
  if (ids.length === 0) return;
  if (!(await p.confirm({ message: create.deleteOlder(baseName, ids), initialValue: false }))) {
    p.log.info(create.olderKept(baseName, ids));
    return;
  }
  for (const id of ids) {
    const why = await deleteWithBootstrap(place, bootstrap, id);
    if (why) p.log.warn(create.olderDeleteFailed(baseName, id, why));
    else p.log.success(create.olderDeleted(baseName, id));
  }
}
