import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorld } from '../../src/stand-in/index.js';
import { CANCEL, type Step } from './scripted-prompter.js';
import { makeProject, removeProjects, runScripted, snapshot } from './harness.js';
import { useStandIn } from '../support/stand-in.js';

const sample = sampleWorld();
const standIn = useStandIn({ world: sample.world });
afterEach(removeProjects);

/** A run that passes through every kind of prompt: the saved token, project questions, browser, paste, a failed check, the config change, gitignore. */
const fullScript: Step[] = [
  ['select', 'replace', 'do with it'],
  ['confirm', false, 'as mastrakit.config.json says'],
  ['confirm', true, 'custom domain'],
  ['text', 'example.com', 'domain'],
  ['select', 'flat', 'style'],
  ['confirm', true, 'browser'],
  ['password', sample.tokens.missingDnsEdit.value],
  ['select', 'paste', 'fails a check'],
  ['password', sample.tokens.complete.value],
  ['confirm', true, 'Save this change'],
  ['confirm', true, '.gitignore'],
];

function project(): string {
  return makeProject({
    git: true,
    config: '{\n  "domain": "example.com",\n  "domainStyle": "nested"\n}\n',
    secrets: `# mine\r\nCLOUDFLARE_API_TOKEN=${sample.tokens.wrongAccount.value}\r\n`,
  });
}

describe('Ctrl-C or Escape anywhere: exit 130, every file byte-identical', () => {
  it('the full script, uncancelled, reaches the end (so each cancel below is at a real prompt)', async () => {
    const dir = project();
    const run = await runScripted(standIn.baseUrl, dir, fullScript);
    expect(run.code).toBe(0);
    expect(run.prompter.remaining()).toBe(0);
  });

  it.each(fullScript.map((step, i) => [i, `${step[0]} ${step[2] ?? ''}`.trim()] as const))('at prompt %i (%s)', async (i) => {
    const dir = project();
    const before = snapshot(dir);
    const script = fullScript.slice(0, i + 1).map((step, j) => (j === i ? ([step[0], CANCEL, step[2]] as unknown as Step) : step));
    const run = await runScripted(standIn.baseUrl, dir, script);
    expect(run.code).toBe(130);
    expect(run.error?.message).toContain('Nothing was written');
    expect(run.prompter.remaining()).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(run.deps.opened.length).toBe(i > 5 ? 1 : 0);
  });

  it('during the validation spinner: the checks are aborted', async () => {
    const dir = project();
    const before = snapshot(dir);
    standIn.setLatency(2000);
    const started = Date.now();
    try {
      const run = await runScripted(standIn.baseUrl, dir, [['select', 'replace', 'do with it'], ['password', sample.tokens.complete.value], ['spin', CANCEL]], {
        flags: { domain: null, browser: false },
      });
      expect(run.code).toBe(130);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      standIn.setLatency(0);
    }
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

describe('the paste prompt refuses what is not a token, saying what it is', () => {
  const globalKey = '0123456789abcdef0123456789abcdef01234';
  const originCa = `v1.0-${'a'.repeat(24)}-${'b'.repeat(146)}`;
  it.each([
    ['empty', '   ', 'Nothing was pasted'],
    ['a Global API Key', globalKey, 'This is a Global API Key, not an API token.'],
    ['an Origin CA key', originCa, 'This is an Origin CA key, not an API token.'],
    ['an account id', '0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'This is an account id, not an API token.'],
    ['two tokens', `${sample.tokens.complete.value} ${sample.tokens.complete.value}`, 'it has spaces in the middle'],
  ])('%s', async (_name, pasted, sentence) => {
    const dir = makeProject();
    const run = await runScripted(
      standIn.baseUrl,
      dir,
      [
        ['password', pasted],
        ['password', sample.tokens.complete.value],
      ],
      { flags: { domain: null, browser: false } },
    );
    expect(run.code).toBe(0);
    const paste = run.prompter.prompts.find((p) => p.kind === 'password');
    expect(paste?.errors).toHaveLength(1);
    expect(paste?.errors[0]).toContain(sentence);
    if (pasted.trim() !== '') expect(run.prompter.transcript()).not.toContain(pasted.trim());
  });

  it('the prompt mentions Shift+Insert and right-click for terminals where Ctrl+V does not paste', async () => {
    const dir = makeProject();
    const run = await runScripted(standIn.baseUrl, dir, [['password', sample.tokens.complete.value]], { flags: { domain: null, browser: false } });
    const message = run.prompter.prompts.find((p) => p.kind === 'password')?.message ?? '';
    expect(message).toContain('Shift+Insert');
    expect(message).toContain('right-click');
    expect(message).toContain('hidden');
  });
});
