import kleur from 'kleur';
import { parseInvocation, type Invocation } from './commands/args.js';
import type { Deps } from './deps.js';
import { ENV } from './env.js';
import { ExitCode, MastrakitError, SeveralAccountsError } from './errors.js';
import { HELP } from './help.js';
import { safeText } from './cloudflare/server-text.js';
import { errorJson, jsonText } from './render/json.js';
import { escapeData, inGitHubActions } from './render/github-actions.js';
import { VERSION } from './version.js';

/**
 * The entry point, and the one place that turns errors into exit codes. Commands return their code or
 * throw a MastrakitError; anything else is a bug, reported in one line (the stack only with MASTRAKIT_DEBUG).
 */
export async function main(argv: readonly string[], deps: Deps): Promise<number> {
  let invocation: Invocation | undefined;
  try {
    invocation = parseInvocation(argv);
    switch (invocation.command) {
      case 'help':
        deps.stdout.write(HELP[invocation.topic]);
        return 0;
      case 'version':
        deps.stdout.write(`${VERSION}\n`);
        return 0;
      case 'doctor': {
        const { doctor } = await import('./commands/doctor.js');
        return await doctor(invocation.options, deps);
      }
      case 'setup': {
        const { setup } = await import('./commands/setup.js');
        return await setup(invocation.options, deps);
      }
    }
  } catch (error) {
    // Also when parsing failed: `doctor --json --bogus` still owes its reader one JSON document.
    const doctorRun = invocation ? invocation.command === 'doctor' : argv[0] === 'doctor';
    const json = invocation ? invocation.command === 'doctor' && invocation.options.json : argv[0] === 'doctor' && argv.includes('--json');
    if (error instanceof MastrakitError) {
      deps.stderr.write(`${kleur.red('✖')} ${error.message}\n`);
      // In a workflow, doctor's "nothing could be checked" (no token: a missing secret, say) is an annotation
      // like a failed check; on stderr, so that a --json stdout stays one document. The message never holds the token.
      if (doctorRun && inGitHubActions(deps.env)) deps.stderr.write(`::error title=mastrakit::${escapeData(error.message)}\n`);
      if (json) {
        const accounts = error instanceof SeveralAccountsError ? error.accounts : undefined;
        deps.stdout.write(jsonText(errorJson(error.message, accounts)));
      }
      return error.exitCode;
    }
    // Whatever a bug's message quotes is shown escaped: it may hold a server's text.
    const message = safeText(error instanceof Error ? error.message : String(error));
    deps.stderr.write(`${kleur.red('✖')} unexpected error: ${message}\n  This is a bug in mastrakit; please report it.\n`);
    if (ENV.debug.some((name) => deps.env[name]) && error instanceof Error) deps.stderr.write(`${error.stack}\n`);
    if (json) deps.stdout.write(jsonText(errorJson(`unexpected error: ${message}`)));
    // Not 1: a bug in mastrakit must not read as "the token fails" in a CI log.
    return ExitCode.bug;
  }
}
