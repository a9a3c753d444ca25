import kleur from 'kleur';
import type { CheckSettings } from '../checks/check-token.js';
import { resolveAccount } from '../project/account-id.js';
import { loadProject } from '../project/load-project.js';
import { loadWrangler } from '../project/wrangler-facts.js';
import type { Deps } from '../deps.js';
import { LocalError } from '../errors.js';
import { accountVariables, readSecretsFile, SECRETS_FILE } from '../project/secrets-file.js';
import { renderCheckLines } from '../render/lines.js';
import { readTokenShape } from '../token/shape.js';
import { readAllCapped } from '../ui/read-stdin.js';
import { CONFIG_FILE, readConfig } from '../project/config.js';
import { answersWithoutPrompts } from '../wizard/ask-project.js';
import { describeChanges } from '../wizard/config-change.js';
import { doctorCommand, targetFlags } from '../wizard/next-command.js';
import { ACCOUNT_KEY, accountToSave, linksToFollow, planSave, preflightSave, TOKEN_KEY } from '../save/plan.js';
import { applySave } from '../save/write.js';
import { changeLines, duplicateWarnings, environmentShadow, linkRefusal, notIgnoredRisk, trackedRefusal } from '../save/messages.js';
import type { SetupOptions } from '../options.js';
import { checkForCommand, headline } from './check-and-report.js';

const MAX_STDIN = 64 * 1024;
/** How long to wait for the token on stdin: a script whose pipe never closes must not hang. */
const STDIN_WAIT_MS = 60_000;

/**
 * `setup --token-stdin`: the wizard's steps without a single prompt. The flags and the config give the
 * answers (--yes takes the defaults for the rest), the same checks run, and the files are written only
 * when every required check passes. Exit codes are doctor's. A different token already saved is
 * replaced only with --yes; the .gitignore line is added only with --yes (otherwise a warning says how).
 */
export async function setupFromStdin(options: SetupOptions, deps: Deps, connection: CheckSettings): Promise<number> {
  if (deps.stdin.isTTY) {
    throw new LocalError(
      '--token-stdin reads the token from a pipe or a file (`mastrakit setup --token-stdin < token.txt`), not from the terminal. To paste it, run `mastrakit setup`.',
    );
  }
  const project = loadProject(options, deps);
  const exposure = preflightSave(project.cwd);
  const config = project.configFile;
  const answers = answersWithoutPrompts(options, config, options.yes);
  const raw = await readAllCapped(deps.stdin, MAX_STDIN, STDIN_WAIT_MS);
  const shape = readTokenShape(raw);
  const secrets = readSecretsFile(project.cwd);
  const account = resolveAccount(options.accountId, deps.env, secrets.text);
  const accountId = account?.id ?? null;
  const wrangler = await loadWrangler(project.cwd);
  for (const warning of wrangler.warnings) deps.stderr.write(`${warning}\n`);
  const target = { ...answers, purpose: 'deploy' as const, slug: project.slug };

  const plan = shape.ok
    ? await planSave({ deps, cwd: project.cwd, config, answers, token: shape.token, accountId: null })
    : null;
  if (plan?.replacing && !options.yes) {
    throw new LocalError(
      `${SECRETS_FILE} already holds a different ${TOKEN_KEY} (${plan.replacing}); add --yes to replace it. Nothing was written.`,
    );
  }
  if (plan?.git.tracked) throw new LocalError(trackedRefusal(plan.files.secrets.relative));
  const link = plan ? linksToFollow({ ...plan, addGitignore: plan.addGitignore && options.yes })[0] : undefined;
  if (link) throw new LocalError(linkRefusal(link.file));

  const { report, code } = await checkForCommand(connection, {
    raw,
    accountId,
    project: { accountFrom: account?.from, wrangler: wrangler.facts, accountVars: accountVariables(deps.env, secrets.text) },
    target,
    from: 'the token on standard input',
    how: '--account-id <id> (nothing was written)',
  });
  const out: string[] = [
    ...headline(shape.ok ? shape.token : null, 'standard input', project, target),
    ...exposure.map((w) => `${kleur.yellow('⚠')} ${w}`),
    ...renderCheckLines(report.checks, { fixes: 'failed' }),
    '',
  ];
  if (code !== 0 || !shape.ok || !plan) {
    out.push(`Nothing was written: every required check must pass first.`);
    deps.stdout.write(`${out.join('\n')}\n`);
    return code === 0 ? 1 : code;
  }

  // The committed config changes only when asked to: a flag given for one scripted run must not rewrite it.
  const final = { ...plan, updates: { ...plan.updates }, addGitignore: plan.addGitignore && options.yes, config: options.saveConfig ? plan.config : {} };
  const configKept = options.saveConfig ? '' : describeChanges(plan.config);
  const learned = accountToSave(report);
  if (learned) final.updates[ACCOUNT_KEY] = learned;
  const result = await applySave(deps, project.cwd, final);
  out.push(...changeLines(result, shape.token).map((l) => `${kleur.green('✔')} ${l}`));
  out.push(...duplicateWarnings(result).map((l) => `${kleur.yellow('⚠')} ${l}`));
  const shadow = environmentShadow(deps.env, shape.token);
  if (shadow) out.push(`${kleur.yellow('⚠')} ${shadow}`);
  if (configKept) out.push(`${CONFIG_FILE} unchanged (this run used ${configKept}); add --save-config to save it.`);
  // The risk last, just before the next command.
  const risk = notIgnoredRisk(final, result);
  if (risk) out.push(`${kleur.yellow('⚠')} ${risk.replace(/\.$/, ' (or rerun with --yes to have it added).')}`);
  out.push(`Check it again any time: ${doctorCommand(deps, project.cwd, targetFlags(answers, readConfig(project.cwd).config))}`);
  deps.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
