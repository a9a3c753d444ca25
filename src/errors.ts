/** The exit codes an error carries, as the README's "Exit codes" table defines them (0, success, is never an error's). */
export const ExitCode = {
  tokenFails: 1,
  usage: 2,
  unreachable: 3,
  cancelled: 130,
  /** An unexpected error: a bug in mastrakit (sysexits' EX_SOFTWARE). */
  bug: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An expected failure: its message is one line for the user, its exit code is fixed.
 * Everything else thrown is a bug and is reported as such by cli.ts.
 */
export class MastrakitError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad flag, an unknown key: exit 2. */
export class UsageError extends MastrakitError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** A local problem: no token found, unreadable or malformed file, no terminal. Exit 2. */
export class LocalError extends MastrakitError {
  constructor(message: string) {
    super(message, ExitCode.usage);
  }
}

/** The token reaches several accounts and none was chosen: exit 2, and `--json` lists them. */
export class SeveralAccountsError extends LocalError {
  constructor(
    message: string,
    readonly accounts: readonly { id: string; name: string }[],
  ) {
    super(message);
  }
}

/** Cloudflare could not be asked: network, DNS, TLS, timeout, 5xx/429 after retries, not Cloudflare JSON. Exit 3. */
export class UnreachableError extends MastrakitError {
  constructor(message: string) {
    super(message, ExitCode.unreachable);
  }
}

/** The user pressed Ctrl-C or Escape. Exit 130. */
export class CancelledError extends MastrakitError {
  constructor(message = 'Cancelled. Nothing was written.') {
    super(message, ExitCode.cancelled);
  }
}
