/** A check is data: rendered as lines by doctor, as JSON by `doctor --json`, and in the wizard. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

export interface Check {
  /** Stable id: `token`, `account`, `accounts`, `zone`, or a permission row id such as `workers-scripts-edit`. */
  id: string;
  title: string;
  /** The permission key for permission rows (`com.cloudflare.edge.dns.write`); null for other checks. */
  key: string | null;
  required: boolean;
  status: CheckStatus;
  /** The line as the user sees it, with its mark: `✔ …`, `❌ …`, `⚠ …`. */
  message: string;
  fix: string | null;
}
