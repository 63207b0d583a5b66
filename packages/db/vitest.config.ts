import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Share modules between the test files of a worker, so the migrated PGlite dump that
    // `createTestDatabase` caches is built once per worker instead of once per file.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
