#!/usr/bin/env node
// The `els` command: runs dist/cli.js, the CLI bundled into one file (built by `pnpm install`
// and `pnpm build`). In the repository, where src/ sits next to it, a bundle older than any
// source is rebuilt first, so the command never runs stale code, and never needs tsx.
import { readdirSync, statSync } from 'node:fs';

const bundle = new URL('../dist/cli.js', import.meta.url);
const sources = new URL('../src/', import.meta.url);

function stale() {
  let files;
  try {
    files = readdirSync(sources);
  } catch {
    return false; // an installed package ships no sources, only its bundle
  }
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return files.some((file) => statSync(new URL(file, sources)).mtimeMs > built);
}

if (stale()) await (await import('../bundle.mjs')).bundleCli();
await import(bundle.href);
