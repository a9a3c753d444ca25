import { parseArgs } from 'node:util';
import type { DomainStyle, Purpose } from '../target.js';
import { MAX_TIMEOUT_MS } from '../cloudflare/timeout.js';
import { UsageError } from '../errors.js';
import { isAccountId } from '../token/shape.js';
import type { DoctorOptions, ProjectFlags, SetupOptions } from '../options.js';
import { closest } from './did-you-mean.js';


export const SUPPORTED_KEYS = ['CLOUDFLARE_API_TOKEN'] as const;

export type Invocation =
  | { command: 'help'; topic: 'main' | 'doctor' | 'setup' }
  | { command: 'version' }
  | { command: 'doctor'; options: DoctorOptions }
  | { command: 'setup'; options: SetupOptions };

const shared = {
  help: { type: 'boolean', short: 'h' },
  cwd: { type: 'string' },
  key: { type: 'string' },
  domain: { type: 'string' },
  'no-domain': { type: 'boolean' },
  'domain-style': { type: 'string' },
  'account-id': { type: 'string' },
  timeout: { type: 'string' },
} as const;

const doctorFlags = { ...shared, json: { type: 'boolean' }, for: { type: 'string' } } as const;
const setupFlags = {
  ...shared,
  'no-browser': { type: 'boolean' },
  'token-stdin': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  create: { type: 'boolean' },
  expires: { type: 'string' },
  'save-config': { type: 'boolean' },
} as const;

/** argv (without node and the script) to what to run. Throws UsageError with one line for anything wrong. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && (rest[0] === 'doctor' || rest[0] === 'setup') ? rest[0] : 'main';
    return { command: 'help', topic };
  }
  if (first === '--version' || first === '-v' || first === '-V') return { command: 'version' };
  if (first === 'doctor') {
    const values = parse(rest, doctorFlags, 'doctor');
    if (values.help) return { command: 'help', topic: 'doctor' };
    return {
      command: 'doctor',
      options: {
        ...projectFlags(values),
        json: values.json ?? false,
        purpose: purpose(values.for),
        timeoutSeconds: timeout(values.timeout),
      },
    };
  }
  if (first === 'setup') {
    const values = parse(rest, setupFlags, 'setup');
    if (values.help) return { command: 'help', topic: 'setup' };
    return {
      command: 'setup',
      options: {
        ...projectFlags(values),
        browser: !values['no-browser'],
        tokenStdin: values['token-stdin'] ?? false,
        yes: values.yes ?? false,
        saveConfig: values['save-config'] ?? false,
        timeoutSeconds: timeout(values.timeout),
        ...createFlags(values.create, values.expires),
      },
    };
  }
  const shown = echoable(first);
  if (first.startsWith('-')) throw new UsageError(`unknown option${shown}. Run \`mastrakit --help\` for the commands.`);
  const guess = shown ? closest(first, COMMANDS) : undefined;
  if (guess) throw new UsageError(`unknown command${shown}. Did you mean \`mastrakit ${guess}\`? (see \`mastrakit --help\`)`);
  throw new UsageError(`unknown command${shown}. The commands are \`setup\` and \`doctor\` (see \`mastrakit --help\`).`);
}

type Flags = typeof doctorFlags | typeof setupFlags;

const COMMANDS = ['setup', 'doctor', 'help'] as const;

function parse<F extends Flags>(args: string[], options: F, command: string) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${parseArgsMessage(error, Object.keys(options))}. See \`mastrakit ${command} --help\`.`);
  }
}

function parseArgsMessage(error: unknown, flags: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const shown = echoable(option ?? '');
    const typed = (option ?? '').split('=')[0] ?? '';
    const guess = shown && typed.startsWith('--') ? closest(typed.slice(2), flags) : undefined;
    return `unknown option${shown}${guess ? ` (did you mean --${guess}?)` : ''}`;
  }
  // A stray argument is never echoed: it may be a token pasted on the command line.
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'this command takes options only, not arguments (a token goes in the environment, .env.dev-secrets or --token-stdin)';
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /Option '(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
    return message.includes('does not take') ? `${flag} does not take a value` : `${flag} needs a value`;
  }
  return 'invalid arguments';
}

/** Echo only what looks like a word: a token pasted in the wrong place must never be printed back. */
function echoable(arg: string): string {
  const name = arg.split('=')[0] ?? '';
  return /^-{0,2}[a-z][a-z-]{0,30}$/i.test(name) ? ` '${name}'` : '';
}

/** A flag's value as shown in an error: short, plain values only (a token is 40 characters or more). */
function quoted(value: string): string {
  return /^[\w.:/-]{1,24}$/.test(value) ? `, not '${value}'` : '';
}

interface SharedValues {
  cwd?: string;
  key?: string;
  domain?: string;
  'no-domain'?: boolean;
  'domain-style'?: string;
  'account-id'?: string;
}

function projectFlags(values: SharedValues): ProjectFlags {
  if (values.key !== undefined && !(SUPPORTED_KEYS as readonly string[]).includes(values.key)) {
    const shown = quoted(values.key) ? ` '${values.key}'` : '';
    throw new UsageError(`unknown key${shown}. Supported keys: ${SUPPORTED_KEYS.join(', ')}.`);
  }
  if (values.domain !== undefined && values['no-domain']) {
    throw new UsageError('--domain and --no-domain contradict each other: give one.');
  }
  const flags: ProjectFlags = {};
  if (values.cwd !== undefined) {
    if (values.cwd.trim() === '') throw new UsageError('--cwd needs a folder.');
    flags.cwd = values.cwd;
  }
  if (values['no-domain']) flags.domain = null;
  else if (values.domain !== undefined) flags.domain = values.domain;
  if (values['domain-style'] !== undefined) flags.domainStyle = domainStyle(values['domain-style']);
  if (values['account-id'] !== undefined) flags.accountId = accountId(values['account-id']);
  return flags;
}

export function domainStyle(value: string): DomainStyle {
  if (value === 'flat' || value === 'nested') return value;
  const hint = /^n/i.test(value) ? ' Did you mean `nested`?' : /^f/i.test(value) ? ' Did you mean `flat`?' : '';
  throw new UsageError(`--domain-style must be \`flat\` or \`nested\`${quoted(value)}.${hint}`);
}

function purpose(value: string | undefined): Purpose {
  if (value === undefined || value === 'deploy') return 'deploy';
  if (value === 'redeploy') return 'redeploy';
  throw new UsageError(`--for must be \`deploy\` or \`redeploy\`${quoted(value)}.`);
}

/** An account id is 32 lowercase hex characters (the dashboard's URL and Overview page show it). */
export function accountId(value: string): string {
  const id = value.trim().toLowerCase();
  if (!isAccountId(id)) {
    throw new UsageError('--account-id must be a 32-character account id (from the dashboard URL or the account Overview page).');
  }
  return id;
}

function createFlags(create: boolean | undefined, expires: string | undefined): Pick<SetupOptions, 'create' | 'expires'> {
  if (expires === undefined) return create ? { create: true } : {};
  if (!create) throw new UsageError('--expires goes with --create (a token made in the dashboard gets its TTL there).');
  if (expires !== 'never' && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    throw new UsageError(`--expires must be a date (YYYY-MM-DD) or \`never\`${quoted(expires)}.`);
  }
  return { create: true, expires };
}

function timeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  // The same bound as MASTRAKIT_HTTP_TIMEOUT, whose message may suggest either.
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds * 1000 > MAX_TIMEOUT_MS) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_MS / 1000}${quoted(value)}.`);
  }
  return seconds;
}
