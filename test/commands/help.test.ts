import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/help.js';
import { main } from '../../src/main.js';
import { testDeps } from '../support/deps.js';

async function run(...argv: string[]) {
  const deps = testDeps();
  const code = await main(argv, deps);
  return { code, out: deps.out(), err: deps.err() };
}

describe('--help', () => {
  it.each([
    ['main', ['--help']],
    ['doctor', ['doctor', '--help']],
    ['setup', ['setup', '--help']],
  ] as const)('%s: an Examples section, the environment variables, every line under 80 columns', async (topic, argv) => {
    const { code, out } = await run(...argv);
    expect(code).toBe(0);
    expect(out).toBe(HELP[topic]);
    const lines = out.split('\n');
    expect(lines.filter((l) => [...l].length >= 80)).toEqual([]);
    const examples = lines.indexOf('Examples');
    expect(examples).toBeGreaterThan(0);
    expect(lines[examples + 1]).toMatch(/^ {2}mastrakit (setup|doctor)/);
    expect(lines).toContain('Environment');
    for (const name of ['CLOUDFLARE_API_TOKEN', 'CF_ACCOUNT_ID', 'CLOUDFLARE_API_BASE_URL', 'MASTRAKIT_HTTP_TIMEOUT', 'NO_COLOR']) {
      expect(out).toContain(`  ${name}`);
    }
  });

  it('setup --help names --save-config', async () => {
    expect((await run('setup', '--help')).out).toContain('  --save-config            Save changed answers to mastrakit.config.json');
  });
});

describe('a mistyped command or flag gets "did you mean"', () => {
  it.each([
    [['docter'], "✖ unknown command 'docter'. Did you mean `mastrakit doctor`? (see `mastrakit --help`)"],
    [['stup'], "✖ unknown command 'stup'. Did you mean `mastrakit setup`? (see `mastrakit --help`)"],
    [['Setup'], "✖ unknown command 'Setup'. Did you mean `mastrakit setup`? (see `mastrakit --help`)"],
    [['hlep'], "✖ unknown command 'hlep'. Did you mean `mastrakit help`? (see `mastrakit --help`)"],
    [['deploy'], "✖ unknown command 'deploy'. The commands are `setup` and `doctor` (see `mastrakit --help`)."],
    [['doctor', '--jsno'], "✖ unknown option '--jsno' (did you mean --json?). See `mastrakit doctor --help`."],
    [['setup', '--no-browse'], "✖ unknown option '--no-browse' (did you mean --no-browser?). See `mastrakit setup --help`."],
    [['doctor', '--frobnicate'], "✖ unknown option '--frobnicate'. See `mastrakit doctor --help`."],
  ])('%j', async (argv, line) => {
    const { code, err, out } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toBe(`${line}\n`);
    if (argv[0] !== 'doctor') expect(out).toBe('');
  });
});
