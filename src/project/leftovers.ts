import { rmSync } from 'node:fs';

/**
 * Temporary folders a save is using right now. A SIGINT or SIGTERM ends the process at once (cli.ts),
 * and must not leave one behind holding the token: the handler calls removeLeftovers() first.
 */
const inFlight = new Set<string>();

export function trackLeftover(path: string): void {
  inFlight.add(path);
}

export function untrackLeftover(path: string): void {
  inFlight.delete(path);
}

/** Synchronous: it runs in a signal handler just before process.exit. */
export function removeLeftovers(): void {
  for (const path of inFlight) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // best effort: the process is ending
    }
    inFlight.delete(path);
  }
}
