#!/usr/bin/env node
// The published command: the CLI compiled into dist/ by `pnpm build` (run on prepack).
// In the repository, run the source instead: node --import tsx packages/els/src/cli.ts
import '../dist/cli.js';
