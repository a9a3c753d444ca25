import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface ScratchProject {
  dir: string;
  /** False when git is missing: the wizard then skips its .gitignore advice. */
  git: boolean;
}

function gitInit(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['init', '--quiet'], { cwd: dir, timeout: 5000 }, (error) => resolve(!error));
  });
}

/**
 * A throw-away project for the demo: slug `acme`, and `.env.dev-secrets` holding only Acme Corp's
 * account id, so the wrong-account sample fails as it would for a real team (with no account id the
 * wizard would simply pick the one account that token reaches).
 */
export async function createScratchProject(accountId: string): Promise<ScratchProject> {
  const dir = await mkdtemp(join(tmpdir(), 'mastrakit-demo-'));
  await writeFile(join(dir, 'mastrakit.config.json'), `${JSON.stringify({ slug: 'acme' }, null, 2)}\n`);
  await writeFile(
    join(dir, '.env.dev-secrets'),
    `# Demo project (fake values from the Cloudflare stand-in)\nCF_ACCOUNT_ID=${accountId}\n`,
    { mode: 0o600 },
  );
  return { dir, git: await gitInit(dir) };
}
