import { appendFileSync } from 'node:fs';
import type { Check } from '../checks/types.js';

/**
 * doctor in GitHub Actions (`GITHUB_ACTIONS=true`): each failed check as an `::error` annotation, and a
 * Markdown table of the checks appended to `$GITHUB_STEP_SUMMARY`. Built only from the checks, which never
 * hold the token.
 */

/** A workflow command's message: `%`, CR and LF are escaped (GitHub's toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,` (the toolkit's `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotations(checks: readonly Check[]): string[] {
  return checks
    .filter((c) => c.status === 'fail')
    .map((c) => `::error title=${escapeProperty(`mastrakit: ${c.title}`)}::${escapeData(c.fix ? `${c.message}\n${c.fix}` : c.message)}`);
}

const MARK: Record<Check['status'], string> = { pass: '✔', fail: '❌', warn: '⚠', skip: '⚠', error: '⚠' };

/** A table cell: one line, no pipe that would end it early. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function withoutMark(message: string): string {
  return message.replace(/^(✔|❌|⚠)\s*/, '');
}

export function stepSummary(checks: readonly Check[], headline: string, verdict: string): string {
  const rows = checks.map((c) => `| ${MARK[c.status]} | ${cell(c.title)} | ${cell(withoutMark(c.message))} | ${c.fix && c.status !== 'pass' ? cell(c.fix) : ''} |`);
  return [`### ${cell(headline)}`, '', '| | Check | Result | Fix |', '| --- | --- | --- | --- |', ...rows, '', cell(verdict), ''].join('\n');
}

export function inGitHubActions(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/** Appends to the summary file the runner names; a failure to write is a warning line, not the check's verdict. */
export function appendStepSummary(path: string | undefined, text: string): string | null {
  if (!path) return null;
  try {
    appendFileSync(path, `${text}\n`);
    return null;
  } catch (error) {
    return `⚠ could not append to GITHUB_STEP_SUMMARY (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}
