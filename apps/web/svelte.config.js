import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true,
  },
  kit: {
    // `build/handler.js` is mounted by apps/server in the same node:http server (one port).
    adapter: adapter({ out: 'build', precompress: false }),
  },
};

export default config;
