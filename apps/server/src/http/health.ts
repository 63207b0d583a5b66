/**
 * `GET /healthz`: whether the studio can do its work — database, ffmpeg, speech provider. Open
 * even with a token, so it says only "ok" or not: no versions, paths or configuration.
 */
import { execFile } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { listVoiceProfiles } from '@studio/db';
import { resolveFfmpegPath } from '@studio/audio';
import type { Services } from '../context.js';
import { sendJson } from './respond.js';

type Check = 'ok' | 'failing';

export interface Health {
  ok: boolean;
  database: Check;
  ffmpeg: Check;
  provider: { name: string; status: Check };
  /** The subscription's credits left (`/v1/user/subscription`); null without an account or answer. */
  credits: { remaining: number; limit: number } | null;
}

const run = promisify(execFile);

/** How long `/healthz` waits for the subscription's credits before answering without them. */
const CREDITS_WAIT_MS = 2000;

export function createHealthCheck(
  services: Pick<Services, 'db' | 'provider' | 'ffmpegPath' | 'account'>,
) {
  // ffmpeg does not come and go: once it answered, it stays checked.
  let ffmpegOk = false;
  const checkFfmpeg = async (): Promise<Check> => {
    if (!ffmpegOk) {
      ffmpegOk = await run(resolveFfmpegPath(services.ffmpegPath), ['-version'], { timeout: 5000 })
        .then(() => true)
        .catch(() => false);
    }
    return ffmpegOk ? 'ok' : 'failing';
  };
  const checkDatabase = (): Promise<Check> =>
    listVoiceProfiles(services.db).then(
      (profiles) => (profiles.length > 0 ? 'ok' : 'failing'),
      () => 'failing',
    );

  return async function health(): Promise<Health> {
    const [database, ffmpeg] = await Promise.all([checkDatabase(), checkFfmpeg()]);
    // The provider was built from a valid configuration; account problems surface per session.
    const provider = { name: services.provider.name, status: 'ok' as Check };
    // The last known credits; when none yet, the account is asked, but health never waits long.
    const known =
      services.account.credits() ??
      (await Promise.race([
        services.account.refreshCredits(),
        sleep(CREDITS_WAIT_MS, null, { ref: false }),
      ]));
    const credits = known && { remaining: known.remaining, limit: known.limit };
    return { ok: database === 'ok' && ffmpeg === 'ok', database, ffmpeg, provider, credits };
  };
}

export async function serveHealth(res: ServerResponse, health: () => Promise<Health>) {
  const report = await health();
  sendJson(res, report.ok ? 200 : 503, report);
}
