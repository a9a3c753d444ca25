import type { DomainStyle, Purpose } from './target.js';

/**
 * What the command line asked for, as commands/args.ts parses it: the input of each command, and of the
 * flows below them that need a part of it.
 */
/** Flags both commands share: where the project is, and what it deploys to. */
export interface ProjectFlags {
  cwd?: string;
  /** undefined: from mastrakit.config.json; null: --no-domain (*.workers.dev). */
  domain?: string | null;
  domainStyle?: DomainStyle;
  accountId?: string;
}

export interface DoctorOptions extends ProjectFlags {
  json: boolean;
  purpose: Purpose;
  /** Per-request timeout in seconds; undefined: MASTRAKIT_HTTP_TIMEOUT, else 8. */
  timeoutSeconds?: number;
}

export interface SetupOptions extends ProjectFlags {
  browser: boolean;
  tokenStdin: boolean;
  yes: boolean;
  /** Save changed answers to mastrakit.config.json without asking; with --token-stdin, the only way it is changed. */
  saveConfig: boolean;
  timeoutSeconds?: number;
  /** `--create`: mastrakit creates the token from a bootstrap token (src/create). */
  create?: boolean;
  /** `--expires <YYYY-MM-DD|never>`, with --create; undefined: one year (or asked in the wizard). */
  expires?: string;
}
