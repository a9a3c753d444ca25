import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorld } from '../../../src/stand-in/index.js';
import { project, runBin } from '../../support/bin.js';
import { useStandIn } from '../../support/stand-in.js';

// Project files that are not files, through the built bin: only a process shows that a FIFO does not
// hang the read (SIGINT would not help: the read blocks the event loop) and that /dev/zero does not fill
// memory. Each run must end by itself with exit 2 and one line, having read and written nothing.

const sample = sampleWorld();
const TOKEN = sample.tokens.complete.value;
const standIn = useStandIn({ world: sample.world });

const CONFIG = '{ "slug": "acme" }\n';

const commands = {
  doctor: { args: ['doctor', '--no-domain'], input: '' },
  'setup --token-stdin': { args: ['setup', '--token-stdin', '--yes', '--no-domain'], input: `${TOKEN}\n` },
} as const;

describe('a FIFO or a device at a project file: exit 2, one line, nothing read', () => {
  it.concurrent.each([
    ['doctor', '.env.dev-secrets', 'fifo'],
    ['setup --token-stdin', '.env.dev-secrets', 'fifo'],
    ['doctor', 'mastrakit.config.json', 'fifo'],
    ['setup --token-stdin', 'mastrakit.config.json', 'fifo'],
    ['setup --token-stdin', '.gitignore', 'fifo'],
    ['doctor', '.env.dev-secrets', '/dev/zero'],
    ['doctor', 'mastrakit.config.json', '/dev/zero'],
    ['setup --token-stdin', 'mastrakit.config.json', '/dev/zero'],
  ] as const)('%s with %s as %s', async (command, name, what) => {
    const cwd = project(name === 'mastrakit.config.json' ? {} : { 'mastrakit.config.json': CONFIG });
    const path = join(cwd, name);
    if (what === 'fifo') execFileSync('mkfifo', [path]);
    else symlinkSync('/dev/zero', path);
    const before = readdirSync(cwd).sort();
    const { args, input } = commands[command];
    const result = await runBin([...args], { cwd, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, input });
    expect(result.code, result.stderr).toBe(2);
    const is = what === 'fifo' ? `${path} is a named pipe (FIFO), not a file.` : `${path} (a link to /dev/zero) is a device, not a file.`;
    expect(result.stderr).toBe(`✖ ${name} at ${is}\n`);
    expect(result.stdout).toBe('');
    expect(readdirSync(cwd).sort()).toEqual(before);
    if (what === 'fifo') expect(lstatSync(path).isFIFO()).toBe(true);
    if (name !== 'mastrakit.config.json') expect(readFileSync(join(cwd, 'mastrakit.config.json'), 'utf8')).toBe(CONFIG);
  });

  it.concurrent('setup --token-stdin with .env.dev-secrets -> /dev/zero: the link out of the project is refused', async () => {
    const cwd = project({ 'mastrakit.config.json': CONFIG });
    symlinkSync('/dev/zero', join(cwd, '.env.dev-secrets'));
    const result = await runBin([...commands["setup --token-stdin"].args], { cwd, env: { CLOUDFLARE_API_BASE_URL: standIn.baseUrl }, input: `${TOKEN}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`✖ .env.dev-secrets is a symbolic link to /dev/zero, outside the project folder ${cwd}: mastrakit does not write through it. Nothing was written.\n`);
    expect(readdirSync(cwd).sort()).toEqual(['.env.dev-secrets', 'mastrakit.config.json']);
  });
});
