/** `approve_take`, `reject_take`, `add_note`: a reviewer's decisions and notes on takes. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { REJECTION_REASONS } from '@studio/db';
import { z } from 'zod';
import { matchBeat } from '../../sessions/resolve-refs.js';
import { noteOut, noteShape } from '../shapes.js';
import { defineTool, type ToolContext } from '../tool-context.js';
import { successResult, ToolFailure } from '../tool-result.js';
import { beatRef } from './generation.js';
import { takeRef } from './review.js';
import { sessionRef } from './sessions.js';

const author = z
  .string()
  .min(1)
  .max(100)
  .default('agent')
  .describe('Who decides: a name people will see beside the decision.');
const atSeconds = z
  .number()
  .nonnegative()
  .optional()
  .describe('Seconds into the take the note points at (a marker on the waveform).');

const decidedShape = {
  session_id: z.string(),
  beat_id: z.string(),
  take_id: z.string(),
  take_number: z.number().int(),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().nullable(),
  /** The beat's review after the decision: approved, needs_fix or unreviewed. */
  beat_review: z.string(),
  session_status: z.string(),
};

/** The typed refs to ids, then the session as it stands after `act`. */
async function afterDecision(
  ctx: ToolContext,
  refs: { session: string; beat: string | number; take?: string | number | undefined },
  act: (takeId: string) => Promise<unknown>,
) {
  const { sessionId, beatId, takeId } = await ctx.caller.sessions.resolve(refs);
  const before = matchBeat(await ctx.caller.sessions.get({ sessionId }), beatId!);
  const target = takeId ?? before.selectedTakeId;
  if (!target) {
    throw new ToolFailure(
      'TAKE_NOT_FOUND',
      `beat ${before.beatKey} has no selected take`,
      'Name the take (take_id): get_production_session lists them.',
    );
  }
  await act(target);
  const session = await ctx.caller.sessions.get({ sessionId });
  const beat = matchBeat(session, beatId!);
  const index = beat.takes.findIndex((take) => take.id === target);
  const take = beat.takes[index]!;
  return {
    session_id: session.id,
    beat_id: beat.beatKey,
    take_id: take.id,
    take_number: index + 1,
    decision: take.decision!.decision,
    reason: take.decision!.reason,
    beat_review: beat.review,
    session_status: session.status,
  };
}

export function registerDecisionTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'approve_take',
    {
      title: 'Approve a take',
      description:
        'Approves a take of a beat and selects it for the export, in one step (the beat’s previously approved take, if any, goes back to unreviewed). Without take_id, approves the beat’s selected take. When every beat’s selected take is approved the session becomes approved. Free.',
      input: {
        session_id: sessionRef,
        beat_id: beatRef,
        take_id: takeRef.optional(),
        author,
      },
      output: decidedShape,
      annotations: { idempotentHint: true, openWorldHint: false },
    },
    async ({ session_id, beat_id, take_id, author: by }, _extra, ctx) => {
      const out = await afterDecision(
        ctx,
        { session: session_id, beat: beat_id, take: take_id },
        (takeId) => ctx.caller.reviews.approve({ takeId, author: by }),
      );
      return successResult(
        out,
        `Approved take ${out.take_number} of ${out.beat_id}; session ${out.session_status}.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'reject_take',
    {
      title: 'Reject a take',
      description: `Rejects a take for a reason (${REJECTION_REASONS.join(', ')}), optionally with a note pinned at a time in the take, so whoever revises the beat knows what to fix. The selection stays: a rejected selected take leaves its beat needing a fix (regenerate_beat_audio with a direction that answers the note). Free.`,
      input: {
        session_id: sessionRef,
        beat_id: beatRef,
        take_id: takeRef,
        reason: z.enum(REJECTION_REASONS).describe('Why the take is out.'),
        note: z.string().min(1).max(2000).optional().describe('What exactly is wrong.'),
        at_seconds: atSeconds,
        author,
      },
      output: decidedShape,
      annotations: { idempotentHint: true, openWorldHint: false },
    },
    async ({ session_id, beat_id, take_id, reason, note, at_seconds, author: by }, _e, ctx) => {
      const out = await afterDecision(
        ctx,
        { session: session_id, beat: beat_id, take: take_id },
        (takeId) =>
          ctx.caller.reviews.reject({
            takeId,
            reason,
            author: by,
            ...(note === undefined ? {} : { note: { text: note, atMs: toMs(at_seconds) } }),
          }),
      );
      return successResult(out, `Rejected take ${out.take_number} of ${out.beat_id} (${reason}).`);
    },
  );

  defineTool(
    server,
    context,
    'add_note',
    {
      title: 'Add a note to a take',
      description:
        'Leaves a note on a take, optionally pinned at a time in it (shown as a marker on the waveform in the studio, and in the export’s notes.md). Free.',
      input: {
        session_id: sessionRef,
        beat_id: beatRef,
        take_id: takeRef,
        text: z.string().min(1).max(2000),
        at_seconds: atSeconds,
        author,
      },
      output: { session_id: z.string(), beat_id: z.string(), take_id: z.string(), note: noteShape },
      annotations: { openWorldHint: false },
    },
    async ({ session_id, beat_id, take_id, text, at_seconds, author: by }, _extra, ctx) => {
      const { sessionId, beatId, takeId } = await ctx.caller.sessions.resolve({
        session: session_id,
        beat: beat_id,
        take: take_id,
      });
      const note = await ctx.caller.reviews.addNote({
        takeId: takeId!,
        text,
        atMs: toMs(at_seconds),
        author: by,
      });
      const beat = matchBeat(await ctx.caller.sessions.get({ sessionId }), beatId!);
      return successResult(
        { session_id: sessionId, beat_id: beat.beatKey, take_id: takeId!, note: noteOut(note) },
        `Noted on ${beat.beatKey}${at_seconds === undefined ? '' : ` at ${at_seconds} s`}.`,
      );
    },
  );
}

const toMs = (seconds: number | undefined) =>
  seconds === undefined ? null : Math.round(seconds * 1000);
