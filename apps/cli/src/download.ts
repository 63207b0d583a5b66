/** Downloads an export's deliverables into a folder: each file to a temp name, then renamed. */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { authHeaders, type Connection } from './client.js';
import { CliError } from './errors.js';

/** A deliverable's name as the server lists it; anything else could escape the folder. */
const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface RemoteFile {
  name: string;
  url: string;
}

export async function downloadFiles(
  connection: Connection,
  files: readonly RemoteFile[],
  outDir: string,
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const file of files) {
    if (!safeName.test(file.name) || file.name.includes('..')) {
      throw new CliError(
        'DOWNLOAD_FAILED',
        `Refusing the file name "${file.name}" from the server.`,
      );
    }
    const response = await fetch(new URL(file.url, connection.url), {
      headers: authHeaders(connection.token),
    });
    if (!response.ok || !response.body) {
      throw new CliError('DOWNLOAD_FAILED', `${file.name}: HTTP ${response.status}`);
    }
    const target = path.join(outDir, file.name);
    const temp = `${target}.part`;
    try {
      await pipeline(
        Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
        createWriteStream(temp),
      );
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw new CliError('DOWNLOAD_FAILED', `${file.name}: ${(error as Error).message}`);
    }
    written.push(target);
  }
  return written;
}
