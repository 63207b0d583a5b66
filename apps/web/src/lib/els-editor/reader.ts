/** The one worker that reads drafts, started on the first read (never during server rendering). */

import type { ParseOptions } from '@studio/els';
import type { Reading } from './reading.js';
import type { ReadRequest } from './reading.worker.js';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, (reading: Reading) => void>();

export function readInWorker(source: string, options: ParseOptions): Promise<Reading> {
  if (worker === null) {
    worker = new Worker(new URL('./reading.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; reading: Reading }>) => {
      waiting.get(event.data.id)?.(event.data.reading);
      waiting.delete(event.data.id);
    };
  }
  const request: ReadRequest = { id: nextId++, source, options };
  const answer = new Promise<Reading>((resolve) => waiting.set(request.id, resolve));
  worker.postMessage(request);
  return answer;
}
