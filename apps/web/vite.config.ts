import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// In `vite dev`, /trpc, /audio and /exports are answered by a running studio server
// (`pnpm start`, or STUDIO_API=http://host:port).
const api = process.env.STUDIO_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/trpc': { target: api, changeOrigin: true },
      '/audio': { target: api, changeOrigin: true },
      '/exports': { target: api, changeOrigin: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
