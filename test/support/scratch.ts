import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerSecretsIn } from './secret-scan.js';

const made: string[] = [];

/**
 * A scratch folder in the temp directory. Every one is removed when its test file ends
 * (test/support/secret-scan.setup.ts calls removeScratch), or earlier by a test that calls it.
 */
export function scratchDir(prefix = 'mastrakit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A scratch project folder with these files; any token written into them is watched for in all output. */
export function scratchProject(files: Record<string, string> = {}, prefix = 'mastrakit-'): string {
  const dir = scratchDir(prefix);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content);
    for (const match of content.matchAll(/^\s*(?:export\s+)?(?:CLOUDFLARE_API_TOKEN|CF_API_TOKEN)\s*=(.*)$/gm)) registerSecretsIn(match[1]);
  }
  return dir;
}

export function removeScratch(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
