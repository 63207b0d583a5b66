/** One spoken line placed on the master's timeline. */
export interface Cue {
  character: string;
  text: string;
  startMs: number;
  endMs: number;
}

function clock(ms: number, separator: ',' | '.'): string {
  const total = Math.max(0, Math.round(ms));
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = Math.floor(total / 1000) % 60;
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${separator}${pad(total % 1000, 3)}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** SubRip: numbered cues, the speaker in capitals before the line (`BOOMER: …`). */
export function toSrt(cues: readonly Cue[]): string {
  return cues
    .map(
      (cue, i) =>
        `${i + 1}\n${clock(cue.startMs, ',')} --> ${clock(cue.endMs, ',')}\n` +
        `${cue.character.toUpperCase()}: ${oneLine(cue.text)}\n`,
    )
    .join('\n');
}

const escapeVtt = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WebVTT with voice spans (`<v boomer>…`), which players can style per speaker. */
export function toVtt(cues: readonly Cue[]): string {
  const body = cues
    .map(
      (cue, i) =>
        `${i + 1}\n${clock(cue.startMs, '.')} --> ${clock(cue.endMs, '.')}\n` +
        `<v ${escapeVtt(cue.character)}>${escapeVtt(oneLine(cue.text))}\n`,
    )
    .join('\n');
  return `WEBVTT\n\n${body}`;
}
