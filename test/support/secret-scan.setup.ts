import { afterAll, vi } from 'vitest';
import { removeScratch } from './scratch.js';
import { describeSightings, recordOutput, scanRecorded } from './secret-scan.js';

// Every stand-in any test starts logs its requests here too (its own onRequest still runs).
vi.mock('../../src/stand-in/server.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/stand-in/server.js')>();
  return {
    ...original,
    startStandIn: (options: Parameters<typeof original.startStandIn>[0] = {}) =>
      original.startStandIn({
        ...options,
        onRequest: (record) => {
          recordOutput('stand-in request log', JSON.stringify(record));
          options.onRequest?.(record);
        },
      }),
  };
});

// After each test file: its scratch folders go, and any token in anything recorded fails the file.
afterAll(() => {
  removeScratch();
  const { sightings } = scanRecorded();
  if (sightings.length > 0) throw new Error(describeSightings(sightings));
});
