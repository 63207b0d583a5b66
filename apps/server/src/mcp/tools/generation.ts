/**
 * Voicing: one beat, every beat still without a take, a revised take with other settings, the
 * whole job in one call, and stopping queued work. Generation runs in the studio's queue; these
 * tools wait for it (reporting progress when asked) unless told not to.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { LOUDNESS_PRESETS, loudnessSchema, unitSchema } from '@studio/audio';
import { PACES } from '@studio/els';
import { z } from 'zod';
import { matchBeat } from '../../sessions/resolve-refs.js';
import type { SessionView } from '../../sessions/views.js';
import {
  beatOut,
  beatShape,
  exportLinks,
  exportOut,
  exportShape,
  beatLinks,
  sessionLinks,
  sessionOut,
  sessionShape,
  takeLink,
  takeShape,
  type BeatOut,
  type TakeOut,
} from '../shapes.js';
import { defineTool, progressOf, type ToolContext, type ToolExtra } from '../tool-context.js';
import { fixFor, invalidScript, successResult, ToolFailure } from '../tool-result.js';
import { waitForBeats } from '../wait-for-beats.js';
import { elsContent } from './scripts.js';
import { sessionRef } from './sessions.js';

export const beatRef = z
  .union([z.string().min(1), z.number().int().positive()])
  .describe('The beat: its id in the script (01_hook), its number (1 = first beat), or its id.');

const wait = z
  .boolean()
  .default(true)
  .describe(
    'Wait until the audio is ready and return it (default). false returns at once; follow up with get_production_session.',
  );

const unit = unitSchema;
const overrides = {
  direction: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('A new direction for the performance, e.g. "slower, more sarcastic".'),
  pace: z.enum(PACES).optional().describe('A new pace (speed): slow 0.75 … chaos 1.2.'),
  stability: unit
    .optional()
    .describe('Lower = more expressive and varied, higher = steadier (0–1).'),
  style: unit.optional().describe('Higher = more exaggerated style (0–1).'),
  similarity_boost: unit.optional().describe('Closeness to the original voice (0–1).'),
};

export const loudness = loudnessSchema
  .optional()
  .describe(
    `Normalize loudness in LUFS: ${LOUDNESS_PRESETS.map((p) => `${p.lufs} ${p.use}`).join(', ')}.`,
  );

const busy = new Set(['queued', 'generating']);

/** Waits for `beatIds` to be voiced, telling the caller "n/total beats voiced" as they finish. */
async function waitWithProgress(
  ctx: ToolContext,
  extra: ToolExtra,
  sessionId: string,
  beatIds: readonly string[],
  steps: { total: number; verb: string; untilSessionSettles?: boolean },
): Promise<SessionView> {
  const report = progressOf(extra);
  return waitForBeats({
    bus: ctx.services.bus,
    sessionId,
    beatIds,
    read: () => ctx.caller.sessions.get({ sessionId }),
    signal: extra.signal,
    untilSessionSettles: steps.untilSessionSettles ?? false,
    onProgress: async (done, total, session) => {
      const failed = session.beats.filter(
        (beat) => beatIds.includes(beat.id) && beat.status === 'failed',
      ).length;
      await report(
        done,
        steps.total,
        `${done}/${total} beats ${steps.verb}${failed > 0 ? ` (${failed} failed)` : ''}`,
      );
    },
  });
}

function newTakeOf(before: SessionView, after: SessionView, beatId: string) {
  const known = new Set(matchBeat(before, beatId).takes.map((take) => take.id));
  const beat = matchBeat(after, beatId);
  const index = beat.takes.findIndex((take) => !known.has(take.id));
  return { beat, index };
}

export function registerGenerationTools(server: McpServer, context: ToolContext): void {
  const voicedBeatShape = {
    session_id: z.string(),
    beat: beatShape,
    /** The take this call made; null when not waiting. */
    take: takeShape.nullable(),
    waited: z.boolean(),
  };

  /** One new take of one beat: the beat as it ended and the take it got (null when not waiting). */
  async function voiceOneBeat(
    ctx: ToolContext,
    extra: ToolExtra,
    sessionRefText: string,
    beatRefValue: string | number,
    revisions: Record<string, unknown>,
    shouldWait: boolean,
  ): Promise<{ sessionId: string; beat: BeatOut; take: TakeOut | null }> {
    const { sessionId, beatId } = await ctx.caller.sessions.resolve({
      session: sessionRefText,
      beat: beatRefValue,
    });
    const before = await ctx.caller.sessions.get({ sessionId });
    const target = matchBeat(before, beatId!);
    await ctx.caller.generation.regenerateBeat({
      sessionId: before.id,
      beatId: target.id,
      overrides: revisions,
    });
    if (!shouldWait) {
      const queued = await ctx.caller.sessions.get({ sessionId: before.id });
      return {
        sessionId: before.id,
        beat: beatOut(matchBeat(queued, target.id), ctx.links),
        take: null,
      };
    }
    const after = await waitWithProgress(ctx, extra, before.id, [target.id], {
      total: 1,
      verb: 'voiced',
    });
    const { beat, index } = newTakeOf(before, after, target.id);
    const out = beatOut(beat, ctx.links);
    const take = out.takes[index];
    if (!take) {
      throw new ToolFailure(
        'GENERATION_FAILED',
        `${beat.beatKey} was not voiced: ${beat.error?.code ?? beat.status}${beat.error ? ` (${beat.error.message})` : ''}.`,
        fixFor(beat.error?.code ?? 'GENERATION_FAILED'),
        { beat: out },
      );
    }
    return { sessionId: after.id, beat: out, take };
  }

  const describeTake = (beat: BeatOut, take: TakeOut | null) =>
    take
      ? `New take ${take.number} of ${beat.beat_id}: ${(take.duration_ms / 1000).toFixed(1)} s, ${take.characters_billed} characters billed${take.selected ? ', selected' : ''}.`
      : `Queued a new take of ${beat.beat_id}.`;

  defineTool(
    server,
    context,
    'generate_beat_audio',
    {
      title: 'Voice beats',
      description:
        'Voices a session. Without beat_id: every beat that has no current take yet (new, failed, or changed by a re-import) — the first take of each is selected automatically. With beat_id: one new take of that beat with the script’s settings (its earlier takes stay). Costs ElevenLabs credits — about one per character of the voiced text, half on Flash/Turbo models, none on the local voice or for audio already cached; call estimate_generation first to know. Waits and reports progress (beats done / total) unless wait is false.',
      input: { session_id: sessionRef, beat_id: beatRef.optional(), wait },
      output: {
        session_id: z.string(),
        queued: z.number().int(),
        waited: z.boolean(),
        beats: z.array(beatShape),
        summary: z.string(),
      },
      annotations: { openWorldHint: true },
    },
    async ({ session_id, beat_id, wait: shouldWait }, extra, ctx) => {
      if (beat_id !== undefined) {
        const { sessionId, beat, take } = await voiceOneBeat(
          ctx,
          extra,
          session_id,
          beat_id,
          {},
          shouldWait,
        );
        const summary = describeTake(beat, take);
        return successResult(
          { session_id: sessionId, queued: 1, waited: shouldWait, beats: [beat], summary },
          summary,
          take ? [takeLink(beat, take)] : [],
        );
      }
      const before = await ctx.session(session_id);
      const { queued } = await ctx.caller.generation.start({ sessionId: before.id });
      const queuedNow = await ctx.caller.sessions.get({ sessionId: before.id });
      const beatIds = queuedNow.beats.filter((b) => busy.has(b.status)).map((b) => b.id);
      const after =
        shouldWait && beatIds.length > 0
          ? await waitWithProgress(ctx, extra, before.id, beatIds, {
              total: beatIds.length,
              verb: 'voiced',
              untilSessionSettles: true,
            })
          : queuedNow;
      const beats = after.beats
        .filter((beat) => beatIds.includes(beat.id))
        .map((beat) => beatOut(beat, ctx.links));
      const summary =
        queued === 0
          ? 'Nothing to voice: every beat already has a current take.'
          : shouldWait
            ? sessionOut(after, ctx.links).summary
            : `Queued ${queued} beat(s).`;
      return successResult(
        { session_id: before.id, queued, waited: shouldWait, beats, summary },
        summary,
        shouldWait ? beatLinks(beats) : [],
      );
    },
  );

  defineTool(
    server,
    context,
    'regenerate_beat_audio',
    {
      title: 'Revise a beat',
      description:
        'Voices a new take of one beat with revised settings — a new direction, pace, stability, style or similarity_boost; what you leave out keeps the script’s value. Earlier takes stay, and the selection does not change: compare the takes, then select_take. Use it when a take sounds wrong: say why, and pick the change that addresses it. Costs ElevenLabs credits for the beat’s text (about one per character; a revision is never served from the cache). Waits and reports progress unless wait is false.',
      input: { session_id: sessionRef, beat_id: beatRef, ...overrides, wait },
      output: voicedBeatShape,
      annotations: { openWorldHint: true },
    },
    async ({ session_id, beat_id, wait: shouldWait, similarity_boost, ...rest }, extra, ctx) => {
      const revisions = {
        ...rest,
        ...(similarity_boost === undefined ? {} : { similarityBoost: similarity_boost }),
      };
      const { sessionId, beat, take } = await voiceOneBeat(
        ctx,
        extra,
        session_id,
        beat_id,
        revisions,
        shouldWait,
      );
      return successResult(
        { session_id: sessionId, beat, take, waited: shouldWait },
        describeTake(beat, take),
        take ? [takeLink(beat, take)] : [],
      );
    },
  );

  defineTool(
    server,
    context,
    'cancel_generation',
    {
      title: 'Stop voicing',
      description:
        'Cancels the session’s queued beats; a beat already being voiced may still finish. Nothing already voiced is lost. Free.',
      input: { session_id: sessionRef },
      output: { session_id: z.string(), cancelled: z.number().int() },
    },
    async ({ session_id }, _extra, ctx) => {
      const { id } = await ctx.session(session_id);
      const { cancelled } = await ctx.caller.generation.cancel({ sessionId: id });
      return successResult({ session_id: id, cancelled }, `Cancelled ${cancelled} queued beat(s).`);
    },
  );

  defineTool(
    server,
    context,
    'complete_audio_workflow',
    {
      title: 'Voice a script end to end',
      description:
        'The whole job in one call: validates the ELS script, creates a session, voices every beat, selects the first take of each, and returns the session with every beat, its takes, durations and the total — optionally exporting the selected takes too (export: true). An invalid script is an error listing each diagnostic with line and column, and nothing is created or spent. Costs ElevenLabs credits for every beat (about one per character; see estimate_generation) — set max_credits to stop before spending more. Reports progress (beats done / total) while it works; cancelling stops the waiting, not the voicing.',
      input: {
        els_content: elsContent,
        video_title: z.string().min(1).max(200).optional(),
        export: z.boolean().default(false).describe('Also export the selected takes.'),
        loudness,
        max_credits: z
          .number()
          .min(0)
          .optional()
          .describe('Refuse (after creating the session, before voicing) when it would cost more.'),
      },
      output: {
        ...sessionShape.shape,
        credits_estimated: z.number(),
        export: exportShape.nullable(),
      },
      annotations: { openWorldHint: true },
    },
    async (args, extra, ctx) => {
      const { caller, links } = ctx;
      const validation = await caller.els.validate({ source: args.els_content });
      if (!validation.ok) throw invalidScript(validation.diagnostics);
      const created = await caller.sessions.create({
        source: args.els_content,
        ...(args.video_title === undefined ? {} : { videoTitle: args.video_title }),
      });
      const sessionId = created.id;
      const estimate = await caller.sessions.estimate({ sessionId });
      if (args.max_credits !== undefined && estimate.credits > args.max_credits) {
        throw new ToolFailure(
          'CREDIT_LIMIT',
          `Voicing would cost ${estimate.credits} credits (${estimate.characters} characters), more than max_credits ${args.max_credits}. Session ${sessionId} was created, not voiced.`,
          fixFor('CREDIT_LIMIT'),
          { session_id: sessionId, credits_estimated: estimate.credits },
        );
      }
      await caller.generation.start({ sessionId });
      const beatIds = created.beats.map((beat) => beat.id);
      const steps = beatIds.length + (args.export ? 1 : 0);
      const voiced = await waitWithProgress(ctx, extra, sessionId, beatIds, {
        total: steps,
        verb: 'voiced',
        untilSessionSettles: true,
      });
      let exported = null;
      if (args.export) {
        const notReady = voiced.beats.filter((beat) => beat.status !== 'ready');
        if (notReady.length > 0) {
          const session = sessionOut(voiced, links);
          throw new ToolFailure(
            'GENERATION_INCOMPLETE',
            `Not exported: ${notReady.map((b) => `${b.beatKey} ${b.error?.code ?? b.status}`).join(', ')}.`,
            fixFor('GENERATION_INCOMPLETE'),
            { session },
          );
        }
        exported = exportOut(
          await caller.exports.create({
            sessionId,
            loudness: args.loudness ?? null,
            partial: false,
          }),
          links,
        );
        await progressOf(extra)(steps, steps, 'exported');
      }
      const session = sessionOut(await caller.sessions.get({ sessionId }), links);
      const summary = `${session.video_title}: ${session.summary}${exported ? `; exported ${exported.exported_files.length} files` : ''}.`;
      return successResult(
        { ...session, summary, credits_estimated: estimate.credits, export: exported },
        summary,
        [...sessionLinks(session), ...(exported ? exportLinks(exported) : [])],
      );
    },
  );
}
