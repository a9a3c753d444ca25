import type { ProjectFlags } from '../options.js';
import type { Deps } from '../deps.js';
import type { ConfigRead } from '../project/config.js';

/** What every step may know: the outside world, the flags, and the project as found on disk. */
export interface WizardContext {
  deps: Deps;
  flags: ProjectFlags & { browser: boolean; timeoutSeconds?: number };
  /** The project folder, absolute. */
  cwd: string;
  slug: string;
  config: ConfigRead;
}
