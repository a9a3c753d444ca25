import type { PermissionRow } from '../permissions/rows.js';
import { day } from './policies.js';

export interface ScreenInput {
  name: string;
  rows: readonly PermissionRow[];
  accountId: string;
  accountName: string | null;
  /** null: *.workers.dev. */
  domain: string | null;
  expiresOn: Date | null;
}

/** What will be created, exactly: the lines of the confirmation screen (and of `--token-stdin`'s report). */
export function confirmLines(input: ScreenInput): string[] {
  const pad = (label: string) => label.padEnd(19);
  const [first, ...rest] = input.rows.map((r) => `${r.type} · ${r.resource} · ${r.action}`);
  return [
    `${pad('Token name:')}${input.name}`,
    `${pad('Permissions:')}${first ?? ''}`,
    ...rest.map((line) => `${pad('')}${line}`),
    `${pad('Account Resources:')}${input.accountName ? `${input.accountName} (${input.accountId})` : `account ${input.accountId}`} only`,
    `${pad('Zone Resources:')}${input.domain === null ? 'none (*.workers.dev needs no zone)' : `only the zone that holds ${input.domain}`}`,
    `${pad('Expires:')}${input.expiresOn ? day(input.expiresOn) : 'never'}`,
  ];
}
