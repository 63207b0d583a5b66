import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real ffmpeg processes and WebAssembly on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
