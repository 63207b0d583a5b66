/**
 * Re-importing an edited script into a session: preview what would change, then apply exactly
 * that plan. Removing beats deletes their takes, so it needs the caller to confirm the very
 * beats the preview listed.
 */
import { getSession, replaceBeatsFromScript } from '@studio/db';
import type { Services } from '../context.js';
import { StudioError } from '../errors.js';
import { planReimport, staleReason, type BeatChange, type ReimportPlan } from './reimport-diff.js';
import { requireScript, type ScriptServices } from './script.js';

export interface ReimportPreview {
  unchanged: { beatKey: string }[];
  changed: { beatKey: string; changes: BeatChange[] }[];
  added: { beatKey: string; position: number }[];
  removed: { beatKey: string; name: string; takeCount: number }[];
}

async function plan(services: ScriptServices, sessionId: string, source: string) {
  const script = await requireScript(services, source);
  const session = await getSession(services.db, sessionId);
  const existing = session.beats.map((beat) => ({ beatKey: beat.beatKey, beat: beat.parsed }));
  return { script, session, plan: planReimport(existing, script.beats) };
}

function summarize(reimport: ReimportPlan, takeCounts: Map<string, number>): ReimportPreview {
  const preview: ReimportPreview = { unchanged: [], changed: [], added: [], removed: [] };
  reimport.beats.forEach((planned, position) => {
    const beatKey = planned.beat.id;
    if (planned.kind === 'unchanged') preview.unchanged.push({ beatKey });
    else if (planned.kind === 'changed')
      preview.changed.push({ beatKey, changes: planned.changes });
    else preview.added.push({ beatKey, position });
  });
  preview.removed = reimport.removed.map(({ beatKey, name }) => ({
    beatKey,
    name,
    takeCount: takeCounts.get(beatKey) ?? 0,
  }));
  return preview;
}

export async function previewReimport(
  services: ScriptServices,
  input: { sessionId: string; source: string },
): Promise<ReimportPreview> {
  const { session, plan: reimport } = await plan(services, input.sessionId, input.source);
  return summarize(reimport, new Map(session.beats.map((b) => [b.beatKey, b.takes.length])));
}

export async function reimport(
  services: Pick<Services, 'db' | 'storage' | 'sessionState' | 'log' | 'defaultCharacter'>,
  input: { sessionId: string; source: string; removeBeatKeys: string[] },
): Promise<ReimportPreview> {
  const { db, storage, log } = services;
  const { script, session, plan: reimport } = await plan(services, input.sessionId, input.source);

  const confirmed = new Set(input.removeBeatKeys.map((key) => key.toLowerCase()));
  const removing = reimport.removed.map((beat) => beat.beatKey.toLowerCase());
  if (removing.length !== confirmed.size || removing.some((key) => !confirmed.has(key))) {
    throw new StudioError(
      'REMOVALS_NOT_CONFIRMED',
      `Confirm the beats this re-import removes: ${removing.join(', ') || 'none'}`,
    );
  }

  const rowIdOf = new Map(session.beats.map((beat) => [beat.beatKey, beat.id]));
  const { storageKeys } = await replaceBeatsFromScript(db, input.sessionId, {
    sourceEls: input.source,
    ...(script.videoTitle === null ? {} : { videoTitle: script.videoTitle }),
    project: script.project,
    remove: reimport.removed.map((beat) => rowIdOf.get(beat.beatKey)!),
    update: reimport.beats.flatMap((planned, position) =>
      planned.kind === 'added'
        ? []
        : [
            {
              beatId: rowIdOf.get(planned.previousKey)!,
              beat: planned.beat,
              position,
              staleReason: planned.kind === 'changed' ? staleReason(planned.changes) : null,
            },
          ],
    ),
    insert: reimport.beats.flatMap((planned, position) =>
      planned.kind === 'added' ? [{ beat: planned.beat, position }] : [],
    ),
  });
  for (const key of storageKeys) {
    await storage.delete(key).catch((error: unknown) => {
      log.warn({ err: error, key }, 'could not delete a take file of a removed beat');
    });
  }
  await services.sessionState.scriptChanged(input.sessionId);
  return summarize(reimport, new Map(session.beats.map((b) => [b.beatKey, b.takes.length])));
}
