import kleur from 'kleur';
import { closingAdvice, type Report } from '../checks/run-checks.js';
import type { Deps } from '../deps.js';
import { LocalError } from '../errors.js';
import { accountVariables, readSecretsFile, tokenSource } from '../project/secrets-file.js';
import { twoTokensWarning } from '../project/two-tokens.js';
import { declaredNotes, loadWrangler } from '../project/wrangler-facts.js';
import { jsonText, reportJson } from '../render/json.js';
import { annotations, appendStepSummary, inGitHubActions, stepSummary } from '../render/github-actions.js';
import { checkingLine } from '../render/heading.js';
import { renderCheckLines } from '../render/lines.js';
import { cleanToken } from '../token/shape.js';
import type { DoctorOptions } from '../options.js';
import { SUPPORTED_KEYS } from './args.js';
import { checkForCommand, headline } from './check-and-report.js';
import { resolveConnection } from './connection.js';
import { resolveAccount } from '../project/account-id.js';
import { loadProject } from '../project/load-project.js';

const [KEY] = SUPPORTED_KEYS;

/** `mastrakit doctor`: the wizard's checks without the questions. Returns the exit code. */
export async function doctor(options: DoctorOptions, deps: Deps): Promise<number> {
  const connection = resolveConnection(deps, options.timeoutSeconds);
  const project = loadProject(options, deps, options.purpose);
  const secrets = readSecretsFile(project.cwd);
  const found = tokenSource(deps.env, secrets.text);
  if (!found) {
    throw new LocalError(
      `No ${KEY} found: it is not in the environment, and not in ${secrets.path}. Run \`mastrakit setup\` to create one.`,
    );
  }
  const account = resolveAccount(options.accountId, deps.env, secrets.text);
  const wrangler = await loadWrangler(project.cwd);
  for (const warning of wrangler.warnings) deps.stderr.write(`${kleur.yellow(warning)}\n`);
  const { report, code } = await checkForCommand(connection, {
    raw: found.token,
    accountId: account?.id ?? null,
    project: { accountFrom: account?.from, wrangler: wrangler.facts, accountVars: accountVariables(deps.env, secrets.text) },
    target: project.target,
    from: `${found.name} in ${found.source === 'environment' ? 'the environment' : found.source}`,
    how: '--account-id <id>, or CF_ACCOUNT_ID in .env.dev-secrets',
  });
  const twoTokens = twoTokensWarning(deps.env, secrets.text);
  const warnings = twoTokens ? [twoTokens] : [];
  if (inGitHubActions(deps.env)) {
    const heading = checkingLine(cleanToken(found.token), found.source, project.slug, project.target, { color: false });
    reportToGitHub(deps, report, options.json, heading, summary(report, code, false));
  }
  if (options.json) {
    deps.stdout.write(jsonText(reportJson(report, { key: KEY, source: found.source, exitCode: code, warnings })));
    return code;
  }
  const out: string[] = [
    ...headline(cleanToken(found.token), found.source, { ...project, notes: [...project.notes, ...declaredNotes(wrangler.facts)] }, project.target),
    ...warnings.map((w) => `${kleur.yellow('⚠')} ${w}`),
    ...renderCheckLines(report.checks),
    '',
    summary(report, code),
  ];
  deps.stdout.write(`${out.join('\n')}\n`);
  return code;
}

/** Annotations on stdout, or on stderr with --json (stdout holds only the document; the runner reads both). */
function reportToGitHub(deps: Deps, report: Report, json: boolean, headline: string, verdict: string): void {
  const lines = annotations(report.checks);
  if (lines.length > 0) (json ? deps.stderr : deps.stdout).write(`${lines.join('\n')}\n`);
  const problem = appendStepSummary(deps.env.GITHUB_STEP_SUMMARY, stepSummary(report.checks, headline, verdict));
  if (problem) deps.stderr.write(`${problem}\n`);
}

function summary(report: Report, code: number, color = true): string {
  if (code === 0) {
    const warned = report.checks.some((c) => c.status === 'warn');
    return `${color ? kleur.green('✔') : '✔'} ${KEY} is ready to deploy${warned ? ' (see the warnings above)' : ''}.`;
  }
  const closing = code === 1 ? closingAdvice(report) : null;
  if (closing) return closing;
  if (code === 1) return `${KEY} cannot deploy: see the ❌ lines above.`;
  return 'Some checks could not run because Cloudflare could not be asked. Try again in a minute.';
}


