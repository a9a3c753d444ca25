import type { StandInToken } from '../stand-in/index.js';
import type { Prompter } from '../ui/prompter.js';
import { FAILURE_QUESTION } from '../wizard/live-check.js';
import { grantUrl } from './banner.js';

interface ReminderFacts {
  adminUrl: string;
  pid: number;
  signals: boolean;
  tokens: { complete: StandInToken; missingDnsEdit: StandInToken; wrongAccount: StandInToken };
}

/**
 * What the banner said, again, where it is needed: by the time a check fails the banner has scrolled
 * away on a 40-row terminal, and the sample tokens and the "dashboard" fix are exactly what to use next.
 */
export function reminderLines(f: ReminderFacts): string[] {
  const { complete, missingDnsEdit, wrongAccount } = f.tokens;
  return [
    'Demo: the sample tokens, for Paste another token:',
    `  complete       ${complete.value}`,
    `  missing DNS    ${missingDnsEdit.value}`,
    `  wrong account  ${wrongAccount.value}`,
    'To add DNS: Edit to the missing-DNS token (as in the dashboard), run in another terminal:',
    f.signals ? `  kill -USR2 ${f.pid}` : `  curl -X POST '${grantUrl(f.adminUrl, missingDnsEdit.id)}'`,
    'then choose Check again.',
  ];
}

/** The wizard's own prompter, which prints the reminder just before the failure menu. */
export function withReminder(p: Prompter, lines: readonly string[]): Prompter {
  const failureMenu: readonly string[] = [FAILURE_QUESTION.failed, FAILURE_QUESTION.unfinished];
  return {
    ...p,
    select: (prompt) => {
      if (failureMenu.includes(prompt.message)) p.log.message(lines.join('\n'));
      return p.select(prompt);
    },
  };
}
