import { buildWeb } from './studio.js';

/** The studio serves apps/web/build: build it once before the e2e tests (skip with E2E_NO_BUILD=1). */
export default async function setup(): Promise<void> {
  if (process.env.E2E_NO_BUILD === '1') return;
  await buildWeb();
}
