/** `pnpm start`: the whole studio in one process on one port. */
import { compileMp3Module } from '@studio/audio';
import { EnvError, loadProcessEnv, type StudioConfig } from './env.js';
import { createStudio } from './studio.js';
import { tuneMemory } from './tune-memory.js';

function configOrExit(): StudioConfig {
  try {
    return loadProcessEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  // Before the flags: `--liftoff-only` would hold LAME to baseline code too (twice as slow).
  const mp3Module = compileMp3Module();
  tuneMemory();
  const config = configOrExit();
  const studio = await createStudio(config, { mp3Module });
  const url = await studio.start();
  const { log, provider } = studio.services;
  log.info(
    { url, provider: provider.name, concurrency: config.concurrency },
    `studio listening on ${url}`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal means "now".
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'shutting down');
    studio.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // A configuration refused once the database is open (DEFAULT_CHARACTER) reads like one refused before.
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
