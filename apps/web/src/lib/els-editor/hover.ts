/** What hovering a tag value tells: a pause's milliseconds, a pace's speed, a character's voice. */

import type { Text } from '@codemirror/state';
import {
  NAMED_PAUSES,
  PACE_SPEED,
  canonicalCharacterName,
  type NamedPause,
  type Pace,
} from '@studio/els';

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
  const key = value.toLowerCase();
  if (tag === 'PACE') {
    return Object.hasOwn(PACE_SPEED, key) ? `Pace ${key}: speed ×${PACE_SPEED[key as Pace]}` : null;
  }
  if (tag === 'PAUSE') {
    const ms = pauseMs(key);
    return ms === null ? null : `Pause: ${ms} ms`;
  }
  const name = canonicalCharacterName(
    value,
    voices.map((v) => v.character),
  );
  const voice = voices.find((v) => v.character === name);
  if (!voice) return null;
  return `${voice.character} — ${voice.displayName} (voice ${voice.voiceId}), speed ${voice.speed}, stability ${voice.stability}`;
}

/** A pause value in milliseconds (els-spec §5), or null when it is not one. */
function pauseMs(value: string): number | null {
  if (Object.hasOwn(NAMED_PAUSES, value)) return NAMED_PAUSES[value as NamedPause];
  const number = /^(\d+(?:\.\d+)?|\.\d+)\s*(ms|s)?$/.exec(value);
  if (!number) return null;
  const ms = Number(number[1]) * (number[2] === 's' ? 1000 : 1);
  return ms <= 2000 ? Math.round(ms) : null;
}
