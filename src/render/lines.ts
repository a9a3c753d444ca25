import kleur from 'kleur';
import type { Check } from '../checks/types.js';

/** Colours only the mark at the start of a line; the words stay as the docs page has them. */
function paint(message: string, status: Check['status']): string {
  const [mark = '', ...rest] = message.split(' ');
  const colour = status === 'pass' ? kleur.green : status === 'fail' ? kleur.red : kleur.yellow;
  return [colour(mark), ...rest].join(' ');
}

/**
 * The check lines as doctor prints them: one line each, the fix indented under a failure or warning.
 * Checks shown only for completeness (skipped, not required) are kept: hiding them would read as "passed".
 */
export function renderCheckLines(checks: readonly Check[], options: { fixes?: 'all' | 'failed' } = {}): string[] {
  const lines: string[] = [];
  for (const check of checks) {
    lines.push(paint(check.message, check.status));
    const showFix = options.fixes === 'failed' ? check.status === 'fail' : check.status !== 'pass';
    if (check.fix && showFix) lines.push(`   ${kleur.dim(check.fix)}`);
  }
  return lines;
}
