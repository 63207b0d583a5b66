/**
 * `GET /audio/:takeId` and `GET /audio/preview/:id`: stored MP3s, streamed with Range support.
 * Ids arrive validated by the routes; the storage key always comes from the database or a fixed
 * pattern, never from the URL.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getTake } from '@studio/db';
import type { Services } from '../context.js';
import { previewStorageKey } from '../voices/preview.js';
import { sendError } from './respond.js';
import { sendFile } from './send-file.js';

/**
 * Who may keep a copy: with a token, only the browser that signed in (`private`), never a shared
 * cache between it and the studio, which would hand the audio to anyone asking.
 */
export type Audience = 'public' | 'private';

/** A take's bytes never change: clients may keep them forever. */
const immutable = (audience: Audience) => `${audience}, max-age=31536000, immutable`;

async function serveStored(
  req: IncomingMessage,
  res: ServerResponse,
  { storage }: Pick<Services, 'storage'>,
  key: string,
  etag: string,
  audience: Audience,
): Promise<void> {
  const stat = await storage.stat(key);
  if (!stat) return sendError(res, 404, 'AUDIO_NOT_FOUND');
  await sendFile(req, res, {
    size: stat.size,
    contentType: 'audio/mpeg',
    etag,
    cacheControl: immutable(audience),
    open: (range) => storage.createReadStream(key, range),
  });
}

export async function serveTakeAudio(
  req: IncomingMessage,
  res: ServerResponse,
  services: Pick<Services, 'db' | 'storage'>,
  takeId: string,
  audience: Audience,
): Promise<void> {
  const take = await getTake(services.db, takeId);
  if (!take) return sendError(res, 404, 'TAKE_NOT_FOUND');
  await serveStored(req, res, services, take.storageKey, `"${take.contentHash}"`, audience);
}

export async function servePreviewAudio(
  req: IncomingMessage,
  res: ServerResponse,
  services: Pick<Services, 'storage'>,
  id: string,
  audience: Audience,
): Promise<void> {
  const key = previewStorageKey(id);
  if (!key) return sendError(res, 404, 'NOT_FOUND');
  // The id is a hash of everything that shapes the preview: the same id is the same audio.
  await serveStored(req, res, services, key, `"${id}"`, audience);
}
