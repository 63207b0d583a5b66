/**
 * Streams stored audio with HTTP Range support: whole (200), a byte range (206) or 416. The bytes
 * are piped from disk, never held in memory.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { parseRange } from './range.js';

export interface StoredFile {
  size: number;
  contentType: string;
  /** Strong validator: stored files never change once written. */
  etag: string;
  cacheControl: string;
  /** Set for downloads: `Content-Disposition: attachment`. */
  downloadName?: string;
  open(range?: { start: number; end: number }): Readable;
}

export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: StoredFile,
): Promise<void> {
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('Content-Type', file.contentType);
  if (file.downloadName) {
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${file.downloadName}"; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`,
    );
  }
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304).end();
    return;
  }

  // If-Range with another validator: the client's copy is stale, send the whole file.
  const ifRange = req.headers['if-range'];
  const range =
    ifRange && ifRange !== file.etag
      ? ({ kind: 'full' } as const)
      : parseRange(req.headers.range, file.size);

  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${file.size}` }).end();
    return;
  }
  if (range.kind === 'partial') {
    res.writeHead(206, {
      'Content-Range': `bytes ${range.start}-${range.end}/${file.size}`,
      'Content-Length': range.end - range.start + 1,
    });
  } else {
    res.writeHead(200, { 'Content-Length': file.size });
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = range.kind === 'partial' ? file.open(range) : file.open();
  try {
    await pipeline(stream, res);
  } catch (error) {
    // A listener that stops playback mid-file is normal, not a failure.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
