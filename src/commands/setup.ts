import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { declaredBy, declaredNotes, loadWrangler } from '../project/wrangler-facts.js';
import { templateUrl, tokenName } from '../permissions/template-url.js';
import type { Deps } from '../deps.js';
import { LocalError } from '../errors.js';
import { accountVariables, readSecretsFile, SECRETS_FILE } from '../project/secrets-file.js';
import { renderCheckLines } from '../render/lines.js';
import type { Prompter } from '../ui/prompter.js';
import { askProject, describeAnswers } from '../wizard/ask-project.js';
import { browserVerdict, openTokenPage } from '../wizard/open-token-page.js';
import { pasteToken } from '../wizard/paste-token.js';
import { doctorCommand, targetFlags } from '../wizard/next-command.js';
import { readConfig } from '../project/config.js';
import { accountToSave, planSave, preflightSave } from '../save/plan.js';
import { applySave } from '../save/write.js';
import { askSave } from '../wizard/ask-save.js';
import { changeLines, duplicateWarnings, environmentShadow, notIgnoredRisk } from '../save/messages.js';
import { askAboutSavedToken, checkSavedToken, savedToken } from '../wizard/saved-token.js';
import { confirmConfigChanges } from '../wizard/config-change.js';
import { showPermissions, tableRows } from '../wizard/show-permissions.js';
import { guessZoneApex } from '../wizard/zone-guess.js';
import { askWay, createInWizard } from '../create/wizard-create.js';
import { liveCheck } from '../wizard/live-check.js';
import type { CheckSettings } from '../checks/check-token.js';
import { resolveConnection } from './connection.js';
import { setupFromStdin } from './setup-token-stdin.js';
import type { SetupOptions } from '../options.js';
import { resolveAccount } from '../project/account-id.js';
import { loadProject } from '../project/load-project.js';

const NO_TERMINAL =
  'mastrakit setup asks questions, and needs a terminal on both stdin and stdout. In a script, pipe the token to `mastrakit setup --token-stdin`; to check a saved token, run `mastrakit doctor --key CLOUDFLARE_API_TOKEN`.';

/** `mastrakit setup`: the wizard, or with --token-stdin the same steps without prompts. Returns the exit code. */
export async function setup(options: SetupOptions, deps: Deps): Promise<number> {
  const connection = resolveConnection(deps, options.timeoutSeconds);
  if (options.tokenStdin && options.create) {
    const { createFromStdin } = await import('../create/stdin-create.js');
    return createFromStdin(options, deps);
  }
  if (options.tokenStdin) return setupFromStdin(options, deps, connection);
  // A prompt must never wait on a pipe.
  if (!deps.stdin.isTTY || !deps.stdout.isTTY) throw new LocalError(NO_TERMINAL);
  const { createClackPrompter } = await import('../ui/clack-prompter.js');
  return runWizard(options, deps, { prompter: createClackPrompter({ input: deps.stdin, output: deps.stdout }) }, connection);
}

interface WizardIo {
  prompter: Prompter;
  /** For the container markers (/.dockerenv); tests replace it. */
  fileExists?: (path: string) => boolean;
}

/** The wizard's steps in order (README, "Commands" → `mastrakit setup`); every decision is in src/wizard. */
export async function runWizard(options: SetupOptions, deps: Deps, io: WizardIo, connection: CheckSettings): Promise<number> {
  const p = io.prompter;
  const project = loadProject(options, deps);
  const { cwd, slug } = project;
  const config = project.configFile;
  // Before the first question: a file setup cannot write, or a folder anyone may write in, ends it here.
  const exposure = preflightSave(cwd);
  const wrangler = await loadWrangler(cwd);
  const declared = declaredBy(wrangler.facts);

  // 1. Intro
  p.intro('mastrakit setup');
  p.log.message(`A Cloudflare API token for ${slug}: create it, check it, and save it to ${join(cwd, SECRETS_FILE)}.`);
  for (const note of project.notes) p.log.info(note);
  for (const warning of exposure) p.log.warn(warning);
  const secrets = readSecretsFile(cwd);

  // A second run: the saved token first (check it, replace it, or quit), before any other question.
  const saved = savedToken(secrets.text);
  const choice = saved ? await askAboutSavedToken(p, saved, secrets.path) : 'replace';
  if (choice === 'quit') {
    p.outro(`Kept the token in ${SECRETS_FILE}: nothing was written.`);
    return 0;
  }
  for (const warning of wrangler.warnings) p.log.warn(warning.replace(/^⚠ /, ''));

  // 2. Where the project deploys
  const answers = await askProject(p, { flags: options, config, slug });
  if (options.domain !== undefined) p.log.info(`Deploying to ${describeAnswers(slug, answers)}.`);
  const zoneGuess = answers.domain === null ? null : guessZoneApex(answers.domain);
  const account = resolveAccount(options.accountId, deps.env, secrets.text);
  const checkContext = {
    connection,
    target: { ...answers, purpose: 'deploy' as const, slug },
    slug,
    accountId: account?.id ?? null,
    zoneGuess,
    project: { wrangler: wrangler.facts, accountVars: accountVariables(deps.env, secrets.text), accountFrom: account?.from },
  };
  if (saved && choice === 'check') {
    const next = doctorCommand(deps, cwd, targetFlags(answers, config.config));
    const code = await checkSavedToken(p, checkContext, saved.token);
    if (code === 0) p.outro(`The token in ${SECRETS_FILE} is ready to deploy; nothing was written. To check it again:\n${next}`);
    else if (code === 1) p.outro(`Nothing was written. Fix the token as above (or run setup again and choose Replace it), then check it again with:\n${next}`);
    else p.outro(`Nothing was written. Check the token again once Cloudflare can be reached:\n${next}`);
    return code;
  }

  // 3. The permissions, 4. the token page, or mastrakit creates the token (src/create)
  const table = { ...answers, zoneApex: zoneGuess ?? undefined };
  showPermissions(p, { slug, answers: table, columns: deps.stdout.columns ?? 80, declared, notes: declaredNotes(wrangler.facts), dashboard: !options.create });
  if (options.create || (await askWay(p, answers.domain !== null)) === 'create') {
    const accountId = resolveAccount(options.accountId, deps.env, readSecretsFile(cwd).text)?.id ?? null;
    return createInWizard(p, { deps, cwd, slug, config, answers, rows: tableRows(table, declared), accountId, timeoutSeconds: options.timeoutSeconds, expires: options.expires });
  }
  await openTokenPage(p, {
    url: templateUrl(tableRows(table, declared), tokenName(slug)),
    verdict: browserVerdict({ env: deps.env, platform: deps.platform, browser: options.browser, exists: io.fileExists ?? existsSync }),
    openUrl: deps.openUrl,
    zones: answers.domain !== null,
  });

  // 5. Paste, 6. check (7. account), with check again / paste another / save anyway / quit
  const pasted = await pasteToken(p);
  const validated = await liveCheck(p, checkContext, pasted);
  if (validated.kind === 'quit') {
    p.outro('Quit without saving: nothing was written.');
    return validated.code;
  }

  // 8. Save: ask everything first, then write
  const { token, report } = validated;
  const planned = await planSave({ deps, cwd, config, answers, token, accountId: accountToSave(report) });
  const plan = await askSave(
    p,
    {
      ...planned,
      // "Replace it" was the answer to the first question: not asked twice.
      replacing: saved ? null : planned.replacing,
      config: await confirmConfigChanges(p, { config, changes: planned.config, flags: options, saveConfig: options.saveConfig }),
    },
    token,
  );
  if (!plan) {
    p.outro(`Kept the token already in ${SECRETS_FILE}: nothing was written.`);
    return 0;
  }
  const result = await applySave(deps, cwd, plan);
  // The config as now saved (a declined change left it as it was): the closing command checks this run's target.
  const next = doctorCommand(deps, cwd, targetFlags(answers, readConfig(cwd).config));
  for (const line of changeLines(result, token)) p.log.success(line);
  for (const line of duplicateWarnings(result)) p.log.warn(line);
  const shadow = environmentShadow(deps.env, token);
  if (shadow) p.log.warn(shadow);
  // Declined the .gitignore line: the outro's last line before the next command says what that risks.
  const risk = notIgnoredRisk(plan, result);
  const riskLine = risk ? `⚠ ${risk}\n` : '';

  if (validated.kind === 'save-anyway') {
    const failed = report ? report.checks.filter((c) => c.required && c.status !== 'pass') : [];
    if (failed.length > 0) p.log.error(['Saved, but these checks do not pass:', ...renderCheckLines(failed, { fixes: 'failed' })].join('\n'));
    // The command on a line of its own: wrapped in the middle, it could not be copied.
    p.outro(`Fix the token, then run:\n${riskLine}${next}`);
    return validated.code;
  }
  const warned = report?.checks.some((c) => c.status === 'warn') ?? false;
  p.outro(`Ready to deploy${warned ? ' (see the warnings above)' : ''}. To check the token again at any time:\n${riskLine}${next}`);
  return 0;
}
