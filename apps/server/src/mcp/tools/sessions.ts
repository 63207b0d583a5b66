/**
 * Sessions: create one from a script, read it, list them, set its status, estimate what voicing
 * it costs, re-import an edited script.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DIALOGUE_MODES, SESSION_STATUSES } from '@studio/db';
import { z } from 'zod';
import { sessionLinks, sessionOut, sessionShape } from '../shapes.js';
import { defineTool, type ToolContext } from '../tool-context.js';
import { successResult } from '../tool-result.js';
import { elsContent } from './scripts.js';

export const sessionRef = z
  .string()
  .min(1)
  .describe('The session id, or a unique prefix of it (as list_sessions shows).');

const estimateShape = {
  session_id: z.string(),
  provider: z.string(),
  beats: z.number().int(),
  segments: z.number().int(),
  cached_segments: z.number().int(),
  characters: z.number().int(),
  credits: z.number(),
};

const changeList = z.array(z.object({ beat_id: z.string() }).catchall(z.unknown()));

export function registerSessionTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'create_production_session',
    {
      title: 'Create a production session',
      description:
        'Creates a session from an ELS script: every beat becomes a row to voice, nothing is voiced yet. An invalid script is an error listing each diagnostic with line and column, and nothing is created. Next: estimate_generation, then generate_beat_audio. Free: no credits.',
      input: {
        els_content: elsContent,
        video_title: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe('Overrides the script’s video_title.'),
        dialogue_mode: z
          .enum(DIALOGUE_MODES)
          .optional()
          .describe(
            'Beats with several characters on eleven_v3: one_performance (default: one text-to-dialogue request per beat) or per_segment (one request per segment).',
          ),
      },
      output: sessionShape.shape,
    },
    async ({ els_content, video_title, dialogue_mode }, _extra, { caller, links }) => {
      const created = await caller.sessions.create({
        source: els_content,
        ...(video_title === undefined ? {} : { videoTitle: video_title }),
        ...(dialogue_mode === undefined ? {} : { dialogueMode: dialogue_mode }),
      });
      const session = sessionOut(created, links);
      return successResult(
        session,
        `Created session ${session.session_id} "${session.video_title}" with ${session.beat_count} beats.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'get_production_session',
    {
      title: 'Get a production session',
      description:
        'A session with every beat: status, error, its takes (number, duration, settings used, audio link) and the selected take; plus the total duration of the selected takes. Use it to review, or to see why a beat failed. Free.',
      input: { session_id: sessionRef },
      output: sessionShape.shape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ session_id }, _extra, ctx) => {
      const session = sessionOut(await ctx.session(session_id), ctx.links);
      return successResult(session, session.summary, sessionLinks(session));
    },
  );

  defineTool(
    server,
    context,
    'list_sessions',
    {
      title: 'List sessions',
      description:
        'Every session, most recent first: id, title, status, beats ready, total duration of the selected takes. Free.',
      input: {},
      output: {
        sessions: z.array(
          z.object({
            session_id: z.string(),
            video_title: z.string(),
            status: z.string(),
            beat_count: z.number().int(),
            ready_count: z.number().int(),
            total_duration_ms: z.number(),
            created_at: z.string(),
            updated_at: z.string(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (_args, _extra, { caller }) => {
      const sessions = (await caller.sessions.list()).map((s) => ({
        session_id: s.id,
        video_title: s.videoTitle,
        status: s.status,
        beat_count: s.beatCount,
        ready_count: s.readyCount,
        total_duration_ms: s.totalDurationMs,
        created_at: s.createdAt.toISOString(),
        updated_at: s.updatedAt.toISOString(),
      }));
      return successResult({ sessions }, `${sessions.length} session(s).`);
    },
  );

  defineTool(
    server,
    context,
    'update_session_status',
    {
      title: 'Set a session’s status',
      description:
        'Marks a session draft, generating, in_progress, completed or exported — e.g. completed once the review is done. The studio sets generating, in_progress and exported by itself as work happens. Free.',
      input: { session_id: sessionRef, status: z.enum(SESSION_STATUSES) },
      output: { session_id: z.string(), status: z.string() },
      annotations: { idempotentHint: true, openWorldHint: false },
    },
    async ({ session_id, status }, _extra, ctx) => {
      const { id } = await ctx.session(session_id);
      const row = await ctx.caller.sessions.setStatus({ sessionId: id, status });
      return successResult({ session_id: row.id, status: row.status }, `Status: ${row.status}.`);
    },
  );

  defineTool(
    server,
    context,
    'estimate_generation',
    {
      title: 'Estimate what voicing costs',
      description:
        'Before spending credits: the characters generate_beat_audio (without a beat) would send for the session’s beats that have no current take, the segments already in the audio cache (free), and the ElevenLabs credits — one per character, half on Flash/Turbo models, zero on the local voice. Free.',
      input: { session_id: sessionRef },
      output: estimateShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ session_id }, _extra, ctx) => {
      const { id } = await ctx.session(session_id);
      const estimate = await ctx.caller.sessions.estimate({ sessionId: id });
      return successResult(
        {
          session_id: id,
          provider: estimate.provider,
          beats: estimate.beats,
          segments: estimate.segments,
          cached_segments: estimate.cachedSegments,
          characters: estimate.characters,
          credits: estimate.credits,
        },
        `${estimate.beats} beat(s) to voice: ${estimate.characters} characters, ${estimate.credits} credits on ${estimate.provider}.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'reimport_script',
    {
      title: 'Re-import an edited script',
      description:
        'Brings an edited ELS script into an existing session. With apply false (the default) it only previews: beats unchanged, changed (with what changed), added, and removed (with how many takes they would lose). With apply true it applies: unchanged beats keep their takes, changed beats become stale until voiced again, added beats wait to be voiced; removing beats deletes their takes, so remove_beats must list exactly the beats the preview reports as removed. Free: voicing the changes is a separate step.',
      input: {
        session_id: sessionRef,
        els_content: elsContent,
        apply: z.boolean().default(false),
        remove_beats: z
          .array(z.string())
          .default([])
          .describe('With apply: the beat ids the preview listed as removed, confirming it.'),
      },
      output: {
        session_id: z.string(),
        applied: z.boolean(),
        unchanged: changeList,
        changed: changeList,
        added: changeList,
        removed: changeList,
      },
    },
    async ({ session_id, els_content, apply, remove_beats }, _extra, ctx) => {
      const { id } = await ctx.session(session_id);
      const input = { sessionId: id, source: els_content };
      const preview = apply
        ? await ctx.caller.sessions.reimport({ ...input, removeBeatKeys: remove_beats })
        : await ctx.caller.sessions.previewReimport(input);
      const structured = {
        session_id: id,
        applied: apply,
        unchanged: preview.unchanged.map(({ beatKey }) => ({ beat_id: beatKey })),
        changed: preview.changed.map(({ beatKey, changes }) => ({ beat_id: beatKey, changes })),
        added: preview.added.map(({ beatKey, position }) => ({ beat_id: beatKey, position })),
        removed: preview.removed.map(({ beatKey, name, takeCount }) => ({
          beat_id: beatKey,
          beat_name: name,
          take_count: takeCount,
        })),
      };
      const counts = `${structured.changed.length} changed, ${structured.added.length} added, ${structured.removed.length} removed, ${structured.unchanged.length} unchanged`;
      return successResult(structured, apply ? `Re-imported: ${counts}.` : `Preview: ${counts}.`);
    },
  );
}
