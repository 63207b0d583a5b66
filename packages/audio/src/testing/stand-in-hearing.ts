/**
 * How the stand-in "hears" a take: it recognises the audio it voiced itself. Every synthesis is
 * recorded with the characters its voice actually spoke; an upload is matched against those
 * recordings by the rhythm of its zero crossings (which survives cutting, fades, pauses, an MP3
 * round trip and resampling), and the words whose middle is found in the upload are the
 * transcript, at the times they were found. A word the voice skipped is therefore not heard, a
 * word it added is, and a word cut off the end is lost with its audio.
 */

export interface VoicedRecord {
  characters: string[];
  startSeconds: number[];
  endSeconds: number[];
  pcm: Int16Array;
  sampleRate: number;
}

export interface HeardWordSeconds {
  text: string;
  start: number;
  end: number;
}

interface Crossing {
  t: number;
  key: string;
}

/**
 * Interval resolution of the rhythm keys (1/24000 s): coarser than codec jitter (hundredths of a
 * sample), fine enough that two voices' nearby pitches do not share keys.
 */
const KEY_UNITS_PER_SECOND = 24_000;
/** Crossings of one match further apart than this are separate stretches of it. */
const RUN_GAP_SECONDS = 0.1;
/** Votes whose offsets are this close are one match. */
const BUCKET_SECONDS = 0.004;
/** A take is a few segments: the recordings closest to it are enough to line up. */
const RECORDINGS_COMPARED = 12;
/** Crossings a stretch needs before it counts as heard (a few tone periods are no word). */
const MIN_CROSSINGS = 12;

function crossings(pcm: Int16Array, sampleRate: number): Crossing[] {
  const times: number[] = [];
  for (let i = 1; i < pcm.length; i++) {
    const a = pcm[i - 1] ?? 0;
    const b = pcm[i] ?? 0;
    if (a < 0 && b >= 0) times.push((i - 1 + -a / (b - a)) / sampleRate);
  }
  const out: Crossing[] = [];
  for (let k = 0; k + 3 < times.length; k++) {
    const units = [1, 2, 3].map((d) =>
      Math.round(((times[k + d] ?? 0) - (times[k + d - 1] ?? 0)) * KEY_UNITS_PER_SECOND),
    );
    out.push({ t: times[k] ?? 0, key: units.join(',') });
  }
  return out;
}

interface Chunk {
  record: number;
  offset: number;
  votes: number;
  times: number[];
}

/** Words of a record: character ranges split on whitespace. */
function wordsOf(record: VoicedRecord): { text: string; from: number; to: number }[] {
  const words: { text: string; from: number; to: number }[] = [];
  let from = -1;
  record.characters.forEach((character, i) => {
    const blank = character.trim() === '';
    if (!blank && from < 0) from = i;
    if ((blank || i === record.characters.length - 1) && from >= 0) {
      const to = blank ? i : i + 1;
      words.push({ text: record.characters.slice(from, to).join(''), from, to });
      from = -1;
    }
  });
  return words;
}

/** Index of the first crossing at or after `t` (crossings are in time order). */
function firstAtOrAfter(list: readonly Crossing[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.t ?? Infinity) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Stretches of one match's crossings (times ascending) long enough to be speech. */
function runs(times: number[]): { from: number; to: number }[] {
  const sorted = [...times].sort((a, b) => a - b);
  const out: { from: number; to: number; count: number }[] = [];
  for (const t of sorted) {
    const last = out.at(-1);
    if (last && t - last.to <= RUN_GAP_SECONDS) {
      last.to = t;
      last.count++;
    } else out.push({ from: t, to: t, count: 1 });
  }
  return out.filter((run) => run.count >= MIN_CROSSINGS);
}

const analyses = new WeakMap<VoicedRecord, { crossings: Crossing[]; keys: Set<string> }>();

/** A recording's crossings and rhythm keys, computed once per recording. */
function analysed(record: VoicedRecord): { crossings: Crossing[]; keys: Set<string> } {
  let analysis = analyses.get(record);
  if (!analysis) {
    const list = crossings(record.pcm, record.sampleRate);
    analysis = { crossings: list, keys: new Set(list.map((crossing) => crossing.key)) };
    analyses.set(record, analysis);
  }
  return analysis;
}

export function hear(
  records: readonly VoicedRecord[],
  pcm: Int16Array,
  sampleRate: number,
): HeardWordSeconds[] {
  const upload = crossings(pcm, sampleRate);
  // Only the recordings sharing the most rhythms with the upload are worth lining up.
  const uploadKeys = new Set(upload.map((crossing) => crossing.key));
  const likely = records
    .map((record, r) => {
      const { keys } = analysed(record);
      let shared = 0;
      for (const key of uploadKeys) if (keys.has(key)) shared++;
      return { r, shared };
    })
    .filter(({ shared }) => shared > 0)
    .sort((a, b) => b.shared - a.shared || a.r - b.r)
    .slice(0, RECORDINGS_COMPARED);
  const index = new Map<string, { record: number; t: number }[]>();
  for (const { r } of likely) {
    for (const crossing of analysed(records[r] as VoicedRecord).crossings) {
      const list = index.get(crossing.key) ?? [];
      list.push({ record: r, t: crossing.t });
      index.set(crossing.key, list);
    }
  }

  // Every (upload crossing, recording, offset) that agrees on a rhythm.
  const votes: { u: number; record: number; offset: number }[] = [];
  upload.forEach((crossing, u) => {
    for (const candidate of index.get(crossing.key) ?? []) {
      votes.push({ u, record: candidate.record, offset: crossing.t - candidate.t });
    }
  });
  // Votes of one recording at nearly one offset are one match (jitter spreads them a little).
  votes.sort((a, b) => a.record - b.record || a.offset - b.offset);
  const chunks: Chunk[] = [];
  const chunkOf: number[] = [];
  for (const vote of votes) {
    const last = chunks.at(-1);
    if (last && last.record === vote.record && vote.offset - last.offset <= BUCKET_SECONDS) {
      last.votes++;
    } else {
      chunks.push({ record: vote.record, offset: vote.offset, votes: 1, times: [] });
    }
    chunkOf.push(chunks.length - 1);
  }
  // Each crossing belongs to the best-supported match it agrees with (the older on a tie).
  const best: (number | undefined)[] = upload.map(() => undefined);
  votes.forEach((vote, v) => {
    const chunk = chunkOf[v] ?? 0;
    const current = best[vote.u];
    const votesOf = (c: number | undefined) => (c === undefined ? -1 : (chunks[c]?.votes ?? -1));
    if (votesOf(chunk) > votesOf(current)) best[vote.u] = chunk;
  });
  best.forEach((chunk, u) => {
    if (chunk !== undefined) chunks[chunk]?.times.push(upload[u]?.t ?? 0);
  });

  /** Crossings of the word's span this match owns. */
  const owned = (chunk: number, start: number, end: number) => {
    let mine = 0;
    for (let u = firstAtOrAfter(upload, start); u < upload.length; u++) {
      if ((upload[u]?.t ?? Infinity) > end) break;
      if (best[u] === chunk) mine++;
    }
    return mine;
  };
  const candidates: (HeardWordSeconds & { mine: number })[] = [];
  chunks.forEach((chunk, c) => {
    const record = records[chunk.record];
    if (!record || chunk.times.length < MIN_CROSSINGS) return;
    for (const run of runs(chunk.times)) {
      const from = run.from - chunk.offset;
      const to = run.to - chunk.offset;
      for (const word of wordsOf(record)) {
        const middle = Math.floor((word.from + word.to - 1) / 2);
        const mid = ((record.startSeconds[middle] ?? 0) + (record.endSeconds[middle] ?? 0)) / 2;
        if (mid < from || mid > to) continue;
        const start = (record.startSeconds[word.from] ?? 0) + chunk.offset;
        const end = (record.endSeconds[word.to - 1] ?? 0) + chunk.offset;
        const mine = owned(c, start, end);
        if (mine > 0) candidates.push({ text: word.text, start, end, mine });
      }
    }
  });
  // Two matches of one stretch of audio (a phrase two recordings share) hear it once: the match
  // owning more of its crossings wins.
  const heard: HeardWordSeconds[] = [];
  for (const word of candidates.sort((a, b) => b.mine - a.mine)) {
    const overlaps = heard.some((other) => {
      const shared = Math.min(other.end, word.end) - Math.max(other.start, word.start);
      // One word found twice (a rhythm its recording repeats) is heard once.
      if (other.text === word.text && shared > -0.05) return true;
      return shared > 0.5 * Math.min(other.end - other.start, word.end - word.start);
    });
    if (!overlaps) heard.push({ text: word.text, start: word.start, end: word.end });
  }
  return heard.sort((a, b) => a.start - b.start);
}
