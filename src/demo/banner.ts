import type { StandInToken } from '../stand-in/index.js';

interface BannerFacts {
  adminUrl: string;
  scratchDir: string;
  pid: number;
  /** Signals exist on POSIX only; elsewhere only the curl line is offered. */
  signals: boolean;
  accountName: string;
  zoneName: string;
  tokens: { complete: StandInToken; missingDnsEdit: StandInToken; wrongAccount: StandInToken };
}

/** The grant the "missing DNS" fix performs, as an admin URL (no token value in it: the id only). */
export function grantUrl(adminUrl: string, tokenId: string): string {
  return `${adminUrl}/tokens/${tokenId}/grant?permission=dns:edit`;
}

/** What the demo prints before the wizard starts. Every value in it is a fake from the stand-in. */
export function bannerLines(f: BannerFacts): string[] {
  const { complete, missingDnsEdit, wrongAccount } = f.tokens;
  return [
    'mastrakit demo: the real setup wizard against a local Cloudflare stand-in',
    '(fake data, no Cloudflare account needed).',
    '',
    'Project folder (scratch, kept afterwards):',
    `  ${f.scratchDir}`,
    `  slug "acme"; .env.dev-secrets holds ${f.accountName}'s account id.`,
    '',
    'Sample tokens to paste (fake stand-in values):',
    `  complete        ${complete.value}`,
    '                  all six permissions: passes for every answer.',
    `  missing DNS     ${missingDnsEdit.value}`,
    `                  lacks DNS: Edit: fails for a custom domain`,
    `                  (answer Yes, then ${f.zoneName}).`,
    `  wrong account   ${wrongAccount.value}`,
    `                  all six permissions, but on another account:`,
    `                  fails for ${f.accountName}.`,
    '',
    'To see "Check again": paste the missing-DNS token with a custom domain. When',
    'the check fails, add DNS: Edit to that same token (as you would in the',
    'dashboard) from another terminal:',
    ...(f.signals ? [`  kill -USR2 ${f.pid}`, '  or'] : []),
    `  curl -X POST '${grantUrl(f.adminUrl, missingDnsEdit.id)}'`,
    'and choose "Check again".',
    '',
  ];
}
