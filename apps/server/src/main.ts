/** `pnpm start`: the whole studio in one process on one port. */
import { EnvError, loadProcessEnv } from './env.js';
import { createStudio } from './studio.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadProcessEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }

  const studio = await createStudio(config);
  const url = await studio.start();
  studio.services.log.info(
    { url, provider: studio.services.provider.name, concurrency: config.concurrency },
    `studio listening on ${url}`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal means "now".
    if (stopping) process.exit(1);
    stopping = true;
    studio.services.log.info({ signal }, 'shutting down');
    studio.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        studio.services.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
