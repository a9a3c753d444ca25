import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../src/commands/args.js';
import { UsageError } from '../../src/errors.js';

const parse = (line: string) => parseInvocation(line.split(' ').filter(Boolean));

describe('parseInvocation', () => {
  it.each([
    ['', { command: 'help', topic: 'main' }],
    ['--help', { command: 'help', topic: 'main' }],
    ['doctor --help', { command: 'help', topic: 'doctor' }],
    ['help setup', { command: 'help', topic: 'setup' }],
    ['--version', { command: 'version' }],
  ])('%j', (line, expected) => expect(parse(line)).toEqual(expected));

  it('doctor with every flag', () => {
    expect(
      parse('doctor --key CLOUDFLARE_API_TOKEN --json --for redeploy --account-id 0123456789ABCDEF0123456789abcdef --cwd /p --domain example.com --domain-style nested --timeout 3'),
    ).toEqual({
      command: 'doctor',
      options: {
        cwd: '/p',
        domain: 'example.com',
        domainStyle: 'nested',
        accountId: '0123456789abcdef0123456789abcdef',
        json: true,
        purpose: 'redeploy',
        timeoutSeconds: 3,
      },
    });
  });

  it('--no-domain is a null domain', () => {
    expect(parse('doctor --no-domain')).toMatchObject({ options: { domain: null } });
  });

  it('setup flags', () => {
    expect(parse('setup --no-browser --token-stdin -y')).toMatchObject({
      command: 'setup',
      options: { browser: false, tokenStdin: true, yes: true, saveConfig: false },
    });
  });

  it.each([
    ['doctor --key GITHUB_TOKEN', "unknown key 'GITHUB_TOKEN'. Supported keys: CLOUDFLARE_API_TOKEN."],
    ['doctor --frobnicate', "unknown option '--frobnicate'. See `mastrakit doctor --help`."],
    ['doctor --domain', '--domain needs a value. See `mastrakit doctor --help`.'],
    ['doctor --json=yes', '--json does not take a value. See `mastrakit doctor --help`.'],
    ['doctor --domain-style nestd', "--domain-style must be `flat` or `nested`, not 'nestd'. Did you mean `nested`?"],
    ['doctor --domain a.com --no-domain', '--domain and --no-domain contradict each other: give one.'],
    ['doctor --for deploys', "--for must be `deploy` or `redeploy`, not 'deploys'."],
    ['doctor --account-id acme', '--account-id must be a 32-character account id (from the dashboard URL or the account Overview page).'],
    ['doctor --timeout soon', "--timeout must be a number of seconds above 0 and at most 600, not 'soon'."],
    ['doctor --timeout 601', "--timeout must be a number of seconds above 0 and at most 600, not '601'."],
    ['deploy', "unknown command 'deploy'. The commands are `setup` and `doctor` (see `mastrakit --help`)."],
    ['--verbose', "unknown option '--verbose'. Run `mastrakit --help` for the commands."],
  ])('%j -> %s', (line, message) => {
    expect(() => parse(line)).toThrow(new UsageError(message));
  });

  it('never echoes a token pasted as an argument', () => {
    const token = 'cfut_A1b2C3d4E5A1b2C3d4E5A1b2C3d4E5A1b2C3d40123abcd';
    for (const line of [`doctor ${token}`, token, `setup --${token}`, `doctor --key ${token}`, `doctor --for ${token}`, `doctor --domain-style ${token}`, `doctor --timeout ${token}`]) {
      try {
        parse(line);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).not.toContain(token.slice(5, 20));
      }
    }
  });
});
