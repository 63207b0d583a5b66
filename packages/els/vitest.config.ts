import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The CLI tests start real node processes (with tsx): on a busy two-core machine a single
    // one has taken over 5 s, vitest's default.
    testTimeout: 30_000,
  },
});
