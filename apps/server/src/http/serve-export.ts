/**
 * `GET /exports/:id/:file`: a deliverable of an export, as a download. The file name from the
 * URL is only ever compared with the export's recorded file list; the storage key is built from
 * the recorded name.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getExport } from '@studio/db';
import { exportStorageKey } from '@studio/audio';
import type { Services } from '../context.js';
import { sendError } from './respond.js';
import { sendFile } from './send-file.js';

const contentTypes: Record<string, string> = {
  mp3: 'audio/mpeg',
  json: 'application/json; charset=utf-8',
  srt: 'application/x-subrip; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
};

/** The MIME type a deliverable is served with, from its name. */
export function exportContentType(fileName: string): string {
  return contentTypes[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream';
}

export async function serveExportFile(
  req: IncomingMessage,
  res: ServerResponse,
  { db, storage }: Pick<Services, 'db' | 'storage'>,
  exportId: string,
  requestedName: string,
): Promise<void> {
  const row = await getExport(db, exportId).catch(() => null);
  const file =
    row?.status === 'ready' ? row.files.find((f) => f.name === requestedName) : undefined;
  if (!row || !file) return sendError(res, 404, 'EXPORT_FILE_NOT_FOUND');

  const key = exportStorageKey(row.id, file.name);
  const stat = await storage.stat(key);
  if (!stat) return sendError(res, 404, 'EXPORT_FILE_NOT_FOUND');
  await sendFile(req, res, {
    size: stat.size,
    contentType: exportContentType(file.name),
    // An export never changes once ready.
    etag: `"${row.id}-${file.name}-${stat.size}"`,
    cacheControl: 'private, max-age=31536000, immutable',
    downloadName: file.name,
    open: (range) => storage.createReadStream(key, range),
  });
}
