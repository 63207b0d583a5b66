/** What hovering a tag value tells: a pause's milliseconds, a pace's speed, a character's voice. */

import type { Text } from '@codemirror/state';
import { PACE_SPEED, canonicalCharacterName, readPace, readPause } from '@studio/els';

export interface VoiceFacts {
  character: string;
  displayName: string;
  voiceId: string;
  speed: number;
  stability: number;
}

export interface HoverInfo {
  from: number;
  to: number;
  text: string;
}

/** The information for the tag value (or META default) under `pos`, or null. */
export function hoverAt(doc: Text, pos: number, voices: readonly VoiceFacts[]): HoverInfo | null {
  const line = doc.lineAt(pos);
  const column = pos - line.from;
  const pattern =
    /\[\s*(PACE|PAUSE|CHARACTER)\s*:\s*([^\]]*?)\s*\]|^\s*(default_character|default_pace)\s*:\s*(.*?)\s*$/gi;
  for (let match = pattern.exec(line.text); match; match = pattern.exec(line.text)) {
    if (column < match.index || column > match.index + match[0].length) continue;
    const name = (match[1] ?? match[3] ?? '').toUpperCase();
    const value = match[2] ?? match[4] ?? '';
    const text = describe(
      name === 'DEFAULT_PACE' ? 'PACE' : name === 'DEFAULT_CHARACTER' ? 'CHARACTER' : name,
      value,
      voices,
    );
    if (text === null) return null;
    return { from: line.from + match.index, to: line.from + match.index + match[0].length, text };
  }
  return null;
}

function describe(tag: string, value: string, voices: readonly VoiceFacts[]): string | null {
  if (tag === 'PACE') {
    const pace = readPace(value);
    return pace === null ? null : `Pace ${pace}: speed ×${PACE_SPEED[pace]}`;
  }
  if (tag === 'PAUSE') {
    const pause = readPause(value);
    return pause.ok ? `Pause: ${pause.ms} ms` : null;
  }
  const name = canonicalCharacterName(
    value,
    voices.map((v) => v.character),
  );
  const voice = voices.find((v) => v.character === name);
  if (!voice) return null;
  return `${voice.character} — ${voice.displayName} (voice ${voice.voiceId}), speed ${voice.speed}, stability ${voice.stability}`;
}
