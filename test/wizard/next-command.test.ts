import { describe, expect, it } from 'vitest';
import { doctorCommand, invokedAs, targetFlags } from '../../src/wizard/next-command.js';

describe('invokedAs: how the user started mastrakit, as a command they can type again', () => {
  it.each<[string, Record<string, string>, string | undefined, string, string]>([
    ['npx (npm exec sets npm_command=exec)', { npm_command: 'exec' }, '/home/u/.npm/_npx/ab12/node_modules/.bin/mastrakit', '/home/u/app', 'npx mastrakit'],
    ['npm exec from a project', { npm_command: 'exec' }, '/home/u/app/node_modules/mastrakit/dist/cli.js', '/home/u/app', 'npx mastrakit'],
    ['an npm script in a project that depends on it', { npm_command: 'run-script' }, '/home/u/app/node_modules/.bin/mastrakit', '/home/u/app', 'npx mastrakit'],
    ['a global install on PATH', {}, '/usr/local/bin/mastrakit', '/home/u/app', 'mastrakit'],
    ['a checkout, from its folder', {}, '/home/u/mastrakit/dist/cli.js', '/home/u/mastrakit', 'node dist/cli.js'],
    ['npm run demo in a checkout (npm_command=run-script)', { npm_command: 'run-script' }, '/home/u/mastrakit/dist/cli.js', '/home/u/mastrakit', 'node dist/cli.js'],
    ['a checkout, from elsewhere', {}, '/home/u/mastrakit/dist/cli.js', '/home/u/app', 'node /home/u/mastrakit/dist/cli.js'],
    ['a path with a space is quoted', {}, '/home/u/my tools/dist/cli.js', '/home/u/app', "node '/home/u/my tools/dist/cli.js'"],
    ['no script known', {}, undefined, '/home/u/app', 'mastrakit'],
  ])('%s', (_name, env, script, cwd, expected) => {
    expect(invokedAs(env, script, cwd)).toBe(expected);
  });
});

describe('doctorCommand: the closing command', () => {
  const deps = (over: { cwd?: string; env?: Record<string, string>; invokedAs?: string } = {}) => ({
    invokedAs: over.invokedAs ?? 'npx mastrakit',
    cwd: over.cwd ?? '/home/u/app',
    env: over.env ?? {},
  });
  it.each<[string, ReturnType<typeof deps>, string, string]>([
    ['the project is the current folder', deps(), '/home/u/app', 'npx mastrakit doctor --key CLOUDFLARE_API_TOKEN'],
    ['a project below it', deps(), '/home/u/app/services/auth', 'npx mastrakit doctor --key CLOUDFLARE_API_TOKEN --cwd services/auth'],
    ['a project elsewhere (the demo scratch folder)', deps({ invokedAs: 'node dist/cli.js', cwd: '/home/u/mastrakit' }), '/tmp/mastrakit-demo-x', 'node dist/cli.js doctor --key CLOUDFLARE_API_TOKEN --cwd /tmp/mastrakit-demo-x'],
    [
      'with the API base this run used',
      deps({ env: { CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:4321/client/v4' } }),
      '/home/u/app',
      'CLOUDFLARE_API_BASE_URL=http://127.0.0.1:4321/client/v4 npx mastrakit doctor --key CLOUDFLARE_API_TOKEN',
    ],
  ])('%s', (_name, d, project, expected) => {
    expect(doctorCommand(d, project)).toBe(expected);
  });
});

describe('targetFlags: the closing command checks what this run checked', () => {
  const config = (domain: string | null, domainStyle: 'flat' | 'nested' = 'flat') => ({ domain, domainStyle });
  it.each<[string, ReturnType<typeof config>, { domain: string | null; domainStyle: 'flat' | 'nested' }, string[]]>([
    ['the config says the same', config('example.com'), { domain: 'example.com', domainStyle: 'flat' }, []],
    ['--no-domain, the config kept its domain', config('example.com'), { domain: null, domainStyle: 'flat' }, ['--no-domain']],
    ['workers.dev in both', config(null), { domain: null, domainStyle: 'nested' }, []],
    ['another domain, not saved', config('example.com'), { domain: 'other.example', domainStyle: 'flat' }, ['--domain', 'other.example', '--domain-style', 'flat']],
    ['the style only', config('example.com'), { domain: 'example.com', domainStyle: 'nested' }, ['--domain', 'example.com', '--domain-style', 'nested']],
    ['a domain, the config none', config(null), { domain: 'example.com', domainStyle: 'flat' }, ['--domain', 'example.com', '--domain-style', 'flat']],
    ['the config spelled in capitals', config('Example.COM.'), { domain: 'example.com', domainStyle: 'flat' }, []],
  ])('%s', (_name, held, answers, expected) => {
    expect(targetFlags(answers, held)).toEqual(expected);
  });
  it('are appended to the doctor command', () => {
    expect(doctorCommand({ invokedAs: 'npx mastrakit', cwd: '/a', env: {} }, '/a', ['--no-domain'])).toBe('npx mastrakit doctor --key CLOUDFLARE_API_TOKEN --no-domain');
  });
});
