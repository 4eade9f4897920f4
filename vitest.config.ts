import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most tests wait on sockets, CIBA polling and token expiry rather than compute: run files side by side.
    maxWorkers: 3,
  },
});
