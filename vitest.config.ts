import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Two cores on the reference machine: keep parallelism modest so integration tests
    // that spawn the CLI do not starve each other.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
