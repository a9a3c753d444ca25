import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scans every recorded output for every token the file used (test/support/secret-scan.ts).
    setupFiles: ['test/support/secret-scan.setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
