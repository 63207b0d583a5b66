/// <reference lib="webworker" />
/**
 * Reads scripts off the main thread: parsing a 100 KB script takes longer than a frame, and
 * typing must never wait for it.
 */
import type { ParseOptions } from '@studio/els';
import { readSource } from './reading.js';

export interface ReadRequest {
  id: number;
  source: string;
  options: ParseOptions;
}

self.onmessage = (event: MessageEvent<ReadRequest>) => {
  const { id, source, options } = event.data;
  self.postMessage({ id, reading: readSource(source, options) });
};
