import { bundleServer } from '../bundle.js';

/** The child-process tests run the server as `pnpm start` does: from a fresh bundle. */
export default async function setup(): Promise<void> {
  await bundleServer();
}
