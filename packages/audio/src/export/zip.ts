import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** One archive of the export; MP3s are stored as they are (deflate gains nothing on them). */
export function zipEntries(entries: readonly ZipEntry[], mtime = new Date()): Readable {
  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addBuffer(entry.data, entry.name, { mtime, compress: !entry.name.endsWith('.mp3') });
  }
  zip.end();
  return Readable.from(zip.outputStream);
}
