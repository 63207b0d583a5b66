/**
 * What re-importing an edited script does to a session's beats: pure, so the preview and the
 * confirmed re-import apply exactly the same plan. Beats are matched by id, case-insensitively.
 */
import type { Beat, Line } from '@studio/els';

/** Aspects of a beat that change its audio; a renamed beat (`name`) keeps its takes valid. */
export type BeatChange = 'text' | 'character' | 'direction' | 'pace' | 'pauses' | 'settings';

export interface ExistingBeat {
  /** The beat's id in the script (`01_hook`), as the session stores it. */
  beatKey: string;
  beat: Beat;
}

export interface ReimportPlan {
  /** The new script's beats in order, each matched to the stored beat it continues, if any. */
  beats: PlannedBeat[];
  /** Stored beats the new script no longer has: removed only when the re-import is confirmed. */
  removed: { beatKey: string; name: string }[];
}

export type PlannedBeat =
  | { kind: 'unchanged'; beat: Beat; previousKey: string }
  | { kind: 'changed'; beat: Beat; previousKey: string; changes: BeatChange[] }
  | { kind: 'added'; beat: Beat };

const aspects: Record<BeatChange, (line: Line) => unknown> = {
  text: (line) => line.text,
  character: (line) => line.character,
  direction: (line) => line.direction,
  pace: (line) => line.speed,
  pauses: (line) => line.pauseAfterMs,
  settings: (line) => `${line.stability}/${line.style}`,
};

/** Consecutive repeats folded, so that adding a line by the same speaker is not a speaker change. */
function runs(values: unknown[]): unknown[] {
  return values.filter((value, index) => index === 0 || value !== values[index - 1]);
}

function sameSequence(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function beatChanges(before: Beat, after: Beat): BeatChange[] {
  const sameShape = before.lines.length === after.lines.length;
  return (Object.keys(aspects) as BeatChange[]).filter((aspect) => {
    const a = before.lines.map(aspects[aspect]);
    const b = after.lines.map(aspects[aspect]);
    // With a different number of lines, per-line comparison would flag everything.
    return aspect === 'text' || sameShape ? !sameSequence(a, b) : !sameSequence(runs(a), runs(b));
  });
}

export function planReimport(existing: ExistingBeat[], next: Beat[]): ReimportPlan {
  const byKey = new Map(existing.map((stored) => [stored.beatKey.toLowerCase(), stored]));
  const matched = new Set<string>();

  const beats = next.map((beat): PlannedBeat => {
    const key = beat.id.toLowerCase();
    const stored = byKey.get(key);
    if (!stored) return { kind: 'added', beat };
    matched.add(key);
    const changes = beatChanges(stored.beat, beat);
    return changes.length === 0
      ? { kind: 'unchanged', beat, previousKey: stored.beatKey }
      : { kind: 'changed', beat, previousKey: stored.beatKey, changes };
  });

  const removed = existing
    .filter((stored) => !matched.has(stored.beatKey.toLowerCase()))
    .map((stored) => ({ beatKey: stored.beatKey, name: stored.beat.name }));

  return { beats, removed };
}

/** The reason a changed beat is marked stale, for the reviewer. */
export function staleReason(changes: BeatChange[]): string {
  return `script changed: ${changes.join(', ')}`;
}
