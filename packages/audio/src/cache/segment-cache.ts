import { createHash } from 'node:crypto';
import { bytesToPcm, pcmToBytes } from '../pcm/pcm.js';
import type { SpeechProvider, SpeechRequest, SpeechResult } from '../providers/speech-provider.js';
import { segmentCacheKey } from '../storage/keys.js';
import { StorageError, type Storage } from '../storage/storage.js';

/**
 * The content hash of a request: everything that shapes its audio — provider and format, model,
 * voice, settings, the text as sent (tagged only for models that act on tags), a dialogue's turns,
 * the neighbours' text and the pronunciation rules applied. Not the seed: a regenerated performance replaces the cached one. Not
 * the neighbours' request ids either: they name the audio of that same neighbouring text, and are
 * new with every take, so keying on them would make every render a miss.
 */
export function segmentHash(provider: SpeechProvider, request: SpeechRequest): string {
  const { stability, similarityBoost, style, speed } = request.settings;
  const identity = [
    provider.cacheNamespace,
    request.modelId,
    provider.voiceKey(request),
    [stability, similarityBoost, style, speed],
    request.text,
    request.previousText ?? null,
    request.nextText ?? null,
    ...(request.dialogue ? [request.dialogue.map((turn) => [turn.voiceId, turn.text])] : []),
    // Old keys stay valid: a request without pronunciation rules hashes as before.
    ...(request.pronunciation ? [request.pronunciation.rules] : []),
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

type CachedMeta = Pick<
  SpeechResult,
  'sampleRate' | 'alignment' | 'requestId' | 'modelId' | 'continuity' | 'voicedAt' | 'turns'
>;
type StoredMeta = Omit<CachedMeta, 'continuity' | 'voicedAt'> & Partial<CachedMeta>;

export interface SegmentCache {
  /** A hit costs nothing: `charactersBilled` is 0. */
  get(hash: string): Promise<SpeechResult | null>;
  put(hash: string, result: SpeechResult): Promise<void>;
  /** Whether a whole entry is stored, without reading it (for cost estimates). */
  has(hash: string): Promise<boolean>;
  /**
   * Removes half-written entries (samples without metadata, or the reverse), for a process
   * starting up: a write cut off by a full disk or a kill leaves one. Returns the files removed.
   */
  sweepOrphans(): Promise<number>;
}

const CACHE_FILE = /^cache\/([0-9a-f]{64})\.(pcm|json)$/;

/**
 * Voiced segments kept in storage: `cache/<hash>.pcm` and `cache/<hash>.json`. Each file is
 * written atomically (temp name + rename) and the metadata last, so an entry is whole exactly
 * when its metadata exists; a failed put removes its samples, and `sweepOrphans` whatever a
 * kill left.
 */
export function createSegmentCache(storage: Storage): SegmentCache {
  async function read(key: string): Promise<Buffer | null> {
    try {
      return await storage.get(key);
    } catch (error) {
      if (error instanceof StorageError && error.code === 'not_found') return null;
      throw error;
    }
  }

  return {
    async get(hash) {
      const meta = await read(segmentCacheKey(hash, 'json'));
      const pcm = meta && (await read(segmentCacheKey(hash, 'pcm')));
      if (!meta || !pcm) return null;
      const parsed = JSON.parse(meta.toString('utf8')) as StoredMeta;
      return {
        ...parsed,
        // Entries from before continuity was recorded: unknown, and their ids too old to reuse.
        continuity: parsed.continuity ?? { previous: 'none', next: 'none' },
        voicedAt: parsed.voicedAt ?? 0,
        pcm: bytesToPcm(pcm),
        charactersBilled: 0,
      };
    },

    async has(hash) {
      // The metadata is written last: its presence means the entry is whole.
      return (await storage.stat(segmentCacheKey(hash, 'json'))) !== null;
    },

    async put(hash, result) {
      // Samples first, metadata last: the metadata's presence means the entry is whole.
      const samples = segmentCacheKey(hash, 'pcm');
      await storage.put(samples, pcmToBytes(result.pcm));
      const meta: CachedMeta = {
        sampleRate: result.sampleRate,
        alignment: result.alignment,
        requestId: result.requestId,
        modelId: result.modelId,
        continuity: result.continuity,
        voicedAt: result.voicedAt,
        ...(result.turns ? { turns: result.turns } : {}),
      };
      try {
        await storage.put(segmentCacheKey(hash, 'json'), JSON.stringify(meta));
      } catch (error) {
        await storage.delete(samples).catch(() => {});
        throw error;
      }
    },

    async sweepOrphans() {
      const parts = new Map<string, ('pcm' | 'json')[]>();
      for (const key of await storage.list('cache/')) {
        const match = CACHE_FILE.exec(key);
        if (!match) continue;
        const hash = match[1] as string;
        parts.set(hash, [...(parts.get(hash) ?? []), match[2] as 'pcm' | 'json']);
      }
      let removed = 0;
      for (const [hash, extensions] of parts) {
        if (extensions.length === 2) continue;
        for (const extension of extensions) {
          await storage.delete(segmentCacheKey(hash, extension));
          removed++;
        }
      }
      return removed;
    },
  };
}
