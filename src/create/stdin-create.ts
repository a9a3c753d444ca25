import kleur from 'kleur';
import type { SetupOptions } from '../options.js';
import { resolveAccountId } from '../project/account-id.js';
import { loadProject } from '../project/load-project.js';
import { describeTarget } from '../render/heading.js';
import type { Deps } from '../deps.js';
import { LocalError } from '../errors.js';
import { tokenName } from '../permissions/template-url.js';
import { readSecretsFile } from '../project/secrets-file.js';
import { renderCheckLines } from '../render/lines.js';
import { readTokenShape } from '../token/shape.js';
import { readAllCapped } from '../ui/read-stdin.js';
import { answersWithoutPrompts } from '../wizard/ask-project.js';
import { changeLines, duplicateWarnings, environmentShadow, linkRefusal, notIgnoredRisk, trackedRefusal } from '../save/messages.js';
import { linksToFollow, planSave, preflightSave } from '../save/plan.js';
import { doctorCommand } from '../wizard/next-command.js';
import { tableRows } from '../wizard/show-permissions.js';
import { confirmLines } from './confirm-screen.js';
import { createCheckSave, deleteWithBootstrap, nameFor, type Show } from './flow.js';
import { CreateRefusal, preflight } from './make-token.js';
import { create } from './messages.js';
import { expiryFromFlag, oneYearFrom } from './policies.js';
import { apiPlace } from './session.js';

const MAX_STDIN = 64 * 1024;
const STDIN_WAIT_MS = 60_000;

/**
 * `setup --create --token-stdin --yes`: the bootstrap token from standard input, every answer from the
 * flags, the config and the defaults. --yes is the confirmation that a token is created in the account.
 * The created token is written only to .env.dev-secrets; the bootstrap token is deleted at the end.
 */
export async function createFromStdin(options: SetupOptions, deps: Deps): Promise<number> {
  if (deps.stdin.isTTY) {
    throw new LocalError(
      '--token-stdin reads the bootstrap token from a pipe or a file (`mastrakit setup --create --token-stdin --yes < bootstrap.txt`), not from the terminal. To paste it, run `mastrakit setup --create`.',
    );
  }
  const project = loadProject(options, deps);
  const { cwd, configFile: config, slug } = project;
  const exposure = preflightSave(cwd);
  const answers = answersWithoutPrompts(options, config, options.yes);
  if (!options.yes) throw new LocalError(create.yesNeeded);
  const now = deps.now();
  const flagExpiry = expiryFromFlag(options.expires, now);
  const expiresOn = flagExpiry === undefined ? oneYearFrom(now) : flagExpiry;
  const accountGiven = resolveAccountId(options.accountId, deps.env, readSecretsFile(cwd).text);
  const place = apiPlace(deps, options.timeoutSeconds);
  const rows = tableRows(answers);
  const target = { ...answers, purpose: 'deploy' as const, slug };

  const raw = await readAllCapped(deps.stdin, MAX_STDIN, STDIN_WAIT_MS);
  const shape = readTokenShape(raw);
  if (!shape.ok) {
    if (shape.kind === 'empty') throw new LocalError('No bootstrap token: standard input is empty. Nothing was created.');
    throw new CreateRefusal(shape.kind === 'global-api-key' ? create.globalKey : create.wrongKind(shape.message));
  }
  const bootstrap = shape.token;
  const pre = await preflight(place, bootstrap, rows);

  let account: { id: string; name: string | null };
  if (accountGiven) account = { id: accountGiven, name: pre.accounts.find((a) => a.id === accountGiven)?.name ?? null };
  else if (pre.accounts.length === 1 && pre.accounts[0]) account = { id: pre.accounts[0].id, name: pre.accounts[0].name };
  else throw new LocalError(pre.accounts.length > 1 ? create.severalAccountsStdin : create.noAccountStdin);

  const baseName = tokenName(slug);
  const { name, older } = nameFor(baseName, pre.tokens);
  const save = await planSave({ deps, cwd, config, answers, token: '', accountId: account.id });
  // As `setup --token-stdin`: no tracked secrets file, no writing through a link (asked in the wizard only).
  if (save.git.tracked) throw new LocalError(trackedRefusal(save.files.secrets.relative));
  const link = linksToFollow(save)[0];
  if (link) throw new LocalError(linkRefusal(link.file));

  const print = (...lines: string[]) => deps.stdout.write(`${lines.join('\n')}\n`);
  print(
    `Creating CLOUDFLARE_API_TOKEN for a deploy to ${describeTarget(slug, target)}`,
    ...project.notes.map((n) => kleur.dim(n)),
    ...exposure.map((w) => `${kleur.yellow('⚠')} ${w}`),
    ...(name !== baseName ? [`${kleur.yellow('⚠')} ${create.nameTaken(baseName, name)}`] : []),
    ...confirmLines({ name, rows, accountId: account.id, accountName: account.name, domain: answers.domain, expiresOn }).map((l) => `  ${l}`),
  );
  const show: Show = {
    spin: async (_message, work, done) => {
      const result = await work(undefined);
      print(`${kleur.green('✔')} ${done(result)}`);
      return result;
    },
    success: (line) => print(`${kleur.green('✔')} ${line}`),
    warn: (line) => print(`${kleur.yellow('⚠')} ${line}`),
    error: (line) => print(line.startsWith('❌') ? line : `${kleur.red('❌')} ${line}`),
    checks: (report) => print(...renderCheckLines(report.checks, { fixes: 'failed' })),
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
    print(outcome.rollbackFailed ? 'Nothing was saved.' : 'Nothing was saved, and no token was left behind.');
    return outcome.code;
  }

  const out: string[] = [];
  out.push(...changeLines(outcome.result, outcome.token.value).map((l) => `${kleur.green('✔')} ${l}`));
  out.push(...duplicateWarnings(outcome.result).map((l) => `${kleur.yellow('⚠')} ${l}`));
  const shadow = environmentShadow(deps.env, outcome.token.value);
  if (shadow) out.push(`${kleur.yellow('⚠')} ${shadow}`);
  // --yes takes the defaults: the bootstrap token goes, an older token of the same name stays.
  const why = await deleteWithBootstrap(place, bootstrap, pre.bootstrapId);
  out.push(why ? `${kleur.yellow('⚠')} ${create.bootstrapDeleteFailed(why)}` : `${kleur.green('✔')} ${create.bootstrapDeleted}`);
  const olderIds = older.map((t) => t.id).filter((id) => id !== pre.bootstrapId);
  if (olderIds.length > 0) out.push(`${kleur.yellow('⚠')} ${create.olderKept(baseName, olderIds)}`);
  const risk = notIgnoredRisk(save, outcome.result);
  if (risk) out.push(`${kleur.yellow('⚠')} ${risk}`);
  out.push(`Check it again any time: ${doctorCommand(deps, cwd)}`);
  print(...out);
  return 0;
}


