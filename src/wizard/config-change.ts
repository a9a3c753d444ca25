import type { ProjectFlags } from '../options.js';
import { CONFIG_FILE, type ConfigChanges, type ConfigRead } from '../project/config.js';
import type { Prompter } from '../ui/prompter.js';

type Key = 'domain' | 'domainStyle';

/** One config value this run would replace: what the file holds, and what the answers say. */
interface ReplacedValue {
  key: Key;
  from: string | null;
  to: string | null;
  /** The new value came from a flag (a one-off, likely), not from a question answered in the wizard. */
  fromFlag: boolean;
}

/** The values in `changes` that replace a value mastrakit.config.json already holds (adding a missing key is not replacing). */
function replacedValues(config: ConfigRead, changes: ConfigChanges, flags: Pick<ProjectFlags, 'domain' | 'domainStyle'>): ReplacedValue[] {
  const replaced: ReplacedValue[] = [];
  if (changes.domain !== undefined && config.answered.domain) {
    replaced.push({ key: 'domain', from: config.config.domain, to: changes.domain, fromFlag: flags.domain !== undefined });
  }
  if (changes.domainStyle !== undefined && config.answered.domainStyle) {
    replaced.push({ key: 'domainStyle', from: config.config.domainStyle, to: changes.domainStyle, fromFlag: flags.domainStyle !== undefined });
  }
  return replaced;
}

/** `domain: "example.com" → null (*.workers.dev)`: the change as the file would show it. */
function describeReplaced(value: ReplacedValue): string {
  const json = (v: string | null) => JSON.stringify(v);
  const meaning = value.key === 'domain' && value.to === null ? ' (*.workers.dev)' : '';
  return `${value.key}: ${json(value.from)} → ${json(value.to)}${meaning}`;
}

/** What the changes would write, every key, as one line: `domain: null, domainStyle: "flat"`. */
export function describeChanges(changes: ConfigChanges): string {
  return Object.entries(changes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');
}

/**
 * mastrakit.config.json is committed and shared: a run must not quietly rewrite a value a teammate set.
 * When the answers would replace one, show the change and ask (the default is No when a flag gave the
 * new value, as flags are usually for this run only); `--save-config` answers Yes. Declined, the config
 * is left whole. Keys the file does not have yet are added without a question, as on a first run.
 */
export async function confirmConfigChanges(
  p: Prompter,
  input: { config: ConfigRead; changes: ConfigChanges; flags: Pick<ProjectFlags, 'domain' | 'domainStyle'>; saveConfig: boolean },
): Promise<ConfigChanges> {
  const replaced = replacedValues(input.config, input.changes, input.flags);
  if (replaced.length === 0 || input.saveConfig) return input.changes;
  p.log.info([`This run's answers differ from ${CONFIG_FILE} (shared with the project):`, ...replaced.map((r) => `  ${describeReplaced(r)}`)].join('\n'));
  const save = await p.confirm({
    message: `Save ${replaced.length === 1 ? 'this change' : 'these changes'} to ${CONFIG_FILE}? (No: only this run uses ${replaced.length === 1 ? 'it' : 'them'})`,
    initialValue: !replaced.some((r) => r.fromFlag),
  });
  if (save) return input.changes;
  p.log.info(`${CONFIG_FILE} is left as it is.`);
  return {};
}
