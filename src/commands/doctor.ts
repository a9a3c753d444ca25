import kleur from 'kleur';
import { checkToken } from '../checks/check-token.js';
import { closingAdvice, exitCodeOf, type Report } from '../checks/run-checks.js';
import type { Deps } from '../deps.js';
import { LocalError } from '../errors.js';
import { readSecretsFile, tokenSource } from '../project/secrets-file.js';
import { text } from '../checks/messages.js';
import { jsonText, reportJson } from '../render/json.js';
import { renderCheckLines } from '../render/lines.js';
import { cleanToken } from '../token/shape.js';
import { checkApiBase } from './api-base.js';
import { SUPPORTED_KEYS, type DoctorOptions } from './args.js';
import { resolveAccountId } from '../project/account-id.js';
import { loadProject } from '../project/load-project.js';
import { checkingLine } from '../render/heading.js';

const [KEY] = SUPPORTED_KEYS;

/** `mastrakit doctor`: the wizard's checks without the questions. Returns the exit code. */
export async function doctor(options: DoctorOptions, deps: Deps): Promise<number> {
  checkApiBase(deps);
  const project = loadProject(options, deps, options.purpose);
  const secrets = readSecretsFile(project.cwd);
  const found = tokenSource(deps.env, secrets.text);
  if (!found) {
    throw new LocalError(
      `No ${KEY} found: it is not in the environment, and not in ${secrets.path}. Run \`mastrakit setup\` to create one.`,
    );
  }
  const accountId = resolveAccountId(options.accountId, deps.env, secrets.text);
  const report = await checkToken(deps, found.token, {
    accountId,
    target: project.target,
    timeoutMs: options.timeoutSeconds === undefined ? undefined : options.timeoutSeconds * 1000,
    from: `${found.name} in ${found.source === 'environment' ? 'the environment' : found.source}`,
  });
  if (report.accountNeeded) throw new LocalError(text.accountNeededHow('--account-id <id>, or CF_ACCOUNT_ID in .env.dev-secrets'));
  if (report.accountChoices) throw new LocalError(text.severalAccounts(report.accountChoices, '--account-id <id>, or CF_ACCOUNT_ID in .env.dev-secrets'));

  const code = exitCodeOf(report);
  if (options.json) {
    deps.stdout.write(jsonText(reportJson(report, { key: KEY, source: found.source, exitCode: code })));
    return code;
  }
  const out: string[] = [
    checkingLine(cleanToken(found.token), found.source, project.slug, project.target),
    ...project.notes.map((n) => kleur.dim(n)),
    ...renderCheckLines(report.checks),
    '',
    summary(report, code),
  ];
  deps.stdout.write(`${out.join('\n')}\n`);
  return code;
}

function summary(report: Report, code: number): string {
  if (code === 0) {
    const warned = report.checks.some((c) => c.status === 'warn');
    return `${kleur.green('✔')} ${KEY} is ready to deploy${warned ? ' (see the warnings above)' : ''}.`;
  }
  const closing = code === 1 ? closingAdvice(report) : null;
  if (closing) return closing;
  if (code === 1) return `${KEY} cannot deploy: see the ❌ lines above.`;
  return 'Some checks could not run because Cloudflare could not be asked. Try again in a minute.';
}


