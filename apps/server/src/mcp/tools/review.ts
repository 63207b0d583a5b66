/** `select_take` and `export_selected_takes`: the reviewer's choice, and the deliverables. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { matchBeat, matchTake } from '../../sessions/resolve-refs.js';
import { exportLinks, exportOut, exportShape, sessionOut, takeOut, takeShape } from '../shapes.js';
import { defineTool, type ToolContext } from '../tool-context.js';
import { successResult } from '../tool-result.js';
import { beatRef, loudness } from './generation.js';
import { sessionRef } from './sessions.js';

export const takeRef = z
  .union([z.string().min(1), z.number().int().positive()])
  .describe('The take: its number within the beat (1 = oldest) or its id.');

export function registerReviewTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'select_take',
    {
      title: 'Select a take',
      description:
        'Chooses which take of a beat goes into the export. Listen and compare first (each take’s audio_url, or the resource studio://takes/{take_id}/audio). Free.',
      input: { session_id: sessionRef, beat_id: beatRef, take_id: takeRef },
      output: {
        session_id: z.string(),
        beat_id: z.string(),
        selected_take_id: z.string(),
        selected_take_number: z.number().int(),
        duration_ms: z.number(),
      },
      annotations: { idempotentHint: true, openWorldHint: false },
    },
    async ({ session_id, beat_id, take_id }, _extra, ctx) => {
      const { sessionId, beatId, takeId } = await ctx.caller.sessions.resolve({
        session: session_id,
        beat: beat_id,
        take: take_id,
      });
      await ctx.caller.takes.select({ beatId: beatId!, takeId: takeId! });
      const session = await ctx.caller.sessions.get({ sessionId });
      const beat = matchBeat(session, beatId!);
      const take = matchTake(beat, takeId!);
      const number = beat.takes.indexOf(take) + 1;
      return successResult(
        {
          session_id: session.id,
          beat_id: beat.beatKey,
          selected_take_id: take.id,
          selected_take_number: number,
          duration_ms: take.durationMs,
        },
        `Selected take ${number} of ${beat.beatKey}.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'export_selected_takes',
    {
      title: 'Export the selected takes',
      description:
        'Exports the session’s selected takes as deliverables: one MP3 per beat named after it (01_hook.mp3, …), a stitched master, a timing manifest (with each beat’s take QC), captions (SRT, VTT), Audacity labels, the review notes (notes.md) and one zip; the session becomes exported. Every beat needs a selected take unless partial is true; a selected take that failed QC is refused unless allow_flagged is true. Returns each file as a link. Free: no credits.',
      input: {
        session_id: sessionRef,
        loudness,
        partial: z
          .boolean()
          .default(false)
          .describe('Export the beats that have a selected take, skipping the others.'),
        approved_only: z
          .boolean()
          .default(false)
          .describe('Export only the beats whose selected take is approved (approve_take).'),
        allow_flagged: z
          .boolean()
          .default(false)
          .describe(
            'Export selected takes that failed take QC (refused with FLAGGED_TAKES otherwise).',
          ),
      },
      output: { ...exportShape.shape, total_duration_ms: z.number() },
    },
    async (
      { session_id, loudness: target, partial, approved_only, allow_flagged },
      _extra,
      ctx,
    ) => {
      const session = await ctx.session(session_id);
      const exported = exportOut(
        await ctx.caller.exports.create({
          sessionId: session.id,
          loudness: target ?? null,
          partial,
          approvedOnly: approved_only,
          allowFlagged: allow_flagged,
        }),
        ctx.links,
      );
      const total = sessionOut(session, ctx.links).total_duration_ms;
      return successResult(
        { ...exported, total_duration_ms: total },
        `Exported ${exported.exported_files.length} files (${(total / 1000).toFixed(1)} s of audio).`,
        exportLinks(exported),
      );
    },
  );

  defineTool(
    server,
    context,
    'rerun_take_qc',
    {
      title: 'Check a take again',
      description:
        'Runs take QC again on one take: speech recognition of its audio compared with the script (when the session listens; a transcription costs speech-to-text time) and the checks against the session’s other takes. Use it on a take whose QC is not_checked. Returns the take with its QC.',
      input: { session_id: sessionRef, beat_id: beatRef, take_id: takeRef },
      output: { take: takeShape },
      annotations: { idempotentHint: true, openWorldHint: true },
    },
    async ({ session_id, beat_id, take_id }, _extra, ctx) => {
      const { sessionId, beatId, takeId } = await ctx.caller.sessions.resolve({
        session: session_id,
        beat: beat_id,
        take: take_id,
      });
      const view = await ctx.caller.qc.rerun({ takeId: takeId! });
      const beat = matchBeat(await ctx.caller.sessions.get({ sessionId }), beatId!);
      const number = beat.takes.findIndex((take) => take.id === view.id) + 1;
      const take = takeOut(view, number - 1, ctx.links);
      return successResult(
        { take },
        `Take ${number} of ${beat.beatKey}: QC ${take.qc.status}${take.qc.flags.length > 0 ? ` (${take.qc.flags.map((f) => f.code).join(', ')})` : ''}.`,
      );
    },
  );
}
