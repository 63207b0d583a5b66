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

/** Interval resolution of the rhythm keys (1/8000 s): far coarser than codec jitter. */
const KEY_UNITS_PER_SECOND = 8000;
/** Offsets are voted on in buckets this wide. */
const BUCKET_SECONDS = 0.004;
/** Crossings a match needs before it counts as heard (a few tone periods are no word). */
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

export function hear(
  records: readonly VoicedRecord[],
  pcm: Int16Array,
  sampleRate: number,
): HeardWordSeconds[] {
  const index = new Map<string, { record: number; t: number }[]>();
  records.forEach((record, r) => {
    for (const crossing of crossings(record.pcm, record.sampleRate)) {
      const list = index.get(crossing.key) ?? [];
      list.push({ record: r, t: crossing.t });
      index.set(crossing.key, list);
    }
  });

  const upload = crossings(pcm, sampleRate);
  const chunks = new Map<string, Chunk>();
  const votedFor: string[][] = upload.map(() => []);
  upload.forEach((crossing, u) => {
    for (const candidate of index.get(crossing.key) ?? []) {
      const offset = crossing.t - candidate.t;
      const id = `${candidate.record}:${Math.round(offset / BUCKET_SECONDS)}`;
      const chunk = chunks.get(id) ?? { record: candidate.record, offset, votes: 0, times: [] };
      chunk.votes++;
      chunks.set(id, chunk);
      votedFor[u]?.push(id);
    }
  });
  // Each crossing belongs to the best-supported match it agrees with (the older on a tie).
  upload.forEach((crossing, u) => {
    let best: Chunk | undefined;
    for (const id of votedFor[u] ?? []) {
      const chunk = chunks.get(id);
      if (chunk && (!best || chunk.votes > best.votes)) best = chunk;
    }
    best?.times.push(crossing.t);
  });

  const heard = new Map<string, HeardWordSeconds>();
  for (const chunk of chunks.values()) {
    if (chunk.times.length < MIN_CROSSINGS) continue;
    const record = records[chunk.record];
    if (!record) continue;
    const from = chunk.times.reduce((a, b) => Math.min(a, b)) - chunk.offset;
    const to = chunk.times.reduce((a, b) => Math.max(a, b)) - chunk.offset;
    for (const word of wordsOf(record)) {
      const middle = Math.floor((word.from + word.to - 1) / 2);
      const mid = ((record.startSeconds[middle] ?? 0) + (record.endSeconds[middle] ?? 0)) / 2;
      if (mid < from || mid > to) continue;
      const start = (record.startSeconds[word.from] ?? 0) + chunk.offset;
      const end = (record.endSeconds[word.to - 1] ?? 0) + chunk.offset;
      // The same word found twice at one time (two identical recordings) is heard once.
      heard.set(`${word.text}@${Math.round(start * 100)}`, { text: word.text, start, end });
    }
  }
  return [...heard.values()].sort((a, b) => a.start - b.start);
}
