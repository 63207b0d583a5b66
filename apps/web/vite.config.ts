import { sveltekit } from '@sveltejs/kit/vite';
import type { ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';

// In `vite dev`, /trpc, /audio and /exports are answered by a running studio server
// (`pnpm start`, or STUDIO_API=http://host:port).
const api = process.env.STUDIO_API ?? 'http://127.0.0.1:3000';

/**
 * The studio refuses changes from another origin, and the dev server is one: a request from the
 * dev server's own page is passed on as coming from the studio's origin; any other keeps its own.
 */
const toStudio: ProxyOptions = {
  target: api,
  changeOrigin: true,
  configure: (proxy) =>
    proxy.on('proxyReq', (proxyReq, req) => {
      if (req.headers.origin === `http://${req.headers.host}`) {
        proxyReq.setHeader('origin', new URL(api).origin);
      }
    }),
};

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: { '/trpc': toStudio, '/audio': toStudio, '/exports': toStudio },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
