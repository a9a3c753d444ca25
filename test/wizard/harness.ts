import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runWizard } from '../../src/commands/setup.js';
import { resolveConnection } from '../../src/commands/connection.js';
import type { SetupOptions } from '../../src/options.js';
import { MastrakitError } from '../../src/errors.js';
import { testDeps, type TestDeps } from '../support/deps.js';
import { scratchDir } from '../support/scratch.js';
import { ScriptedPrompter, type Step } from './scripted-prompter.js';


const made: string[] = [];

export interface ProjectFiles {
  /** mastrakit.config.json text. */
  config?: string;
  /** .env.dev-secrets text. */
  secrets?: string;
  gitignore?: string;
  /** git init the folder (and optionally commit the secrets file). */
  git?: boolean | 'track-secrets';
}

/** A scratch project folder named `acme` (so the default slug is `acme`). */
export function makeProject(files: ProjectFiles = {}): string {
  const root = scratchDir('mastrakit-wizard-');
  made.push(root);
  const dir = join(root, 'acme');
  execFileSync('mkdir', [dir]);
  if (files.config !== undefined) writeFileSync(join(dir, 'mastrakit.config.json'), files.config);
  if (files.secrets !== undefined) writeFileSync(join(dir, '.env.dev-secrets'), files.secrets, { mode: 0o600 });
  if (files.gitignore !== undefined) writeFileSync(join(dir, '.gitignore'), files.gitignore);
  if (files.git) {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    if (files.git === 'track-secrets') {
      git('add', '-f', '.env.dev-secrets');
      git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'oops');
    }
  }
  return dir;
}

/** Removes the folders makeProject made so far (the rest of the scratch folders go when the file ends). */
export function removeProjects(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file in the folder (not .git) with its bytes and mode: to prove "nothing was written". */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === '.git') continue;
    const path = join(dir, name);
    files[name] = `${(statSync(path).mode & 0o777).toString(8)} ${readFileSync(path, 'base64')}`;
  }
  return files;
}

export function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

export function modeOf(dir: string, name: string): number {
  return statSync(join(dir, name)).mode & 0o777;
}

export function ttyStream(): PassThrough & { isTTY: boolean; columns: number } {
  return Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
}

export interface RunOptions {
  flags?: Partial<SetupOptions>;
  env?: Record<string, string | undefined>;
  /** Whether /.dockerenv and friends "exist". */
  container?: boolean;
  columns?: number;
  /** Sees the run's deps before it starts (to act while it runs: a signal's cleanups, say). */
  onDeps?: (deps: TestDeps) => void;
}

export interface Run {
  code: number;
  prompter: ScriptedPrompter;
  deps: TestDeps;
  error: MastrakitError | null;
}

/** Step 4's question, "How do you want to create the token?", answered for the dashboard. */
export const DASHBOARD: Step = ['select', 'dashboard', 'How do you want to create the token?'];

/** Every prompt but step 4's choice, for tests about the other questions. */
export function notWay(prompt: { message: string }): boolean {
  return !prompt.message.includes(DASHBOARD[2] ?? '');
}

/**
 * Scripts that never mention step 4's choice (the dashboard flow) get the dashboard answer where step 4
 * asks: before the browser question, else before the paste.
 */
export function withWayAnswered(script: readonly Step[]): Step[] {
  const steps = [...script];
  if (steps.some((s) => s[2] === DASHBOARD[2])) return steps;
  const at = steps.findIndex((s) => (s[0] === 'confirm' && s[2] === 'browser') || s[0] === 'password');
  if (at >= 0) steps.splice(at, 0, DASHBOARD);
  return steps;
}

/** Runs the wizard in `dir` with a scripted prompter, mapping errors to exit codes the way main.ts does. */
export async function runScripted(baseUrl: string, dir: string, script: readonly Step[], options: RunOptions = {}): Promise<Run> {
  const stdout = ttyStream();
  stdout.columns = options.columns ?? 80;
  const deps = testDeps({
    env: { CLOUDFLARE_API_BASE_URL: baseUrl, DISPLAY: ':0', ...options.env },
    cwd: dir,
    stdin: ttyStream(),
    stdout,
  });
  options.onDeps?.(deps);
  const prompter = new ScriptedPrompter(options.flags?.create ? script : withWayAnswered(script));
  const flags: SetupOptions = { browser: true, tokenStdin: false, yes: false, saveConfig: false, ...options.flags };
  let code: number;
  let error: MastrakitError | null = null;
  try {
    code = await runWizard(flags, deps, { prompter, fileExists: () => options.container ?? false }, resolveConnection(deps, flags.timeoutSeconds));
  } catch (e) {
    if (!(e instanceof MastrakitError)) throw e;
    error = e;
    code = e.exitCode;
  }
  return { code, prompter, deps, error };
}
