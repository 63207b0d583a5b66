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
    // 'auto': every page is rendered per request, so SvelteKit puts a fresh nonce on its own
    // hydration script. Styles stay 'unsafe-inline': Svelte sets style attributes and wavesurfer
    // injects its own; scripts are what a CSP must hold.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        // The favicon and waveforms' peaks can be data: or blob: URLs; audio comes from /audio,
        // and the voice library's samples (`preview_url`) from ElevenLabs' public bucket.
        'img-src': ['self', 'data:', 'blob:'],
        'media-src': ['self', 'data:', 'blob:', 'https://storage.googleapis.com'],
        'font-src': ['self', 'data:'],
        'worker-src': ['self', 'blob:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
