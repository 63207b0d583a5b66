/**
 * `studio approve | reject | note`: a reviewer's decisions and notes on takes, signed with
 * `--author` (or STUDIO_AUTHOR). Approving selects the take in the same step.
 */
import type { RouterInputs } from '@studio/server';
import { CliError } from '../errors.js';
import { beatById, resolveRefs } from '../resolve.js';
import type { CommandContext } from './context.js';

export type RejectionReason = RouterInputs['reviews']['reject']['reason'];

/** The fixed list, as the server's input type has it (a type-check fails if they part). */
const REASONS = {
  mispronounced: true,
  wrong_emphasis: true,
  wrong_tone: true,
  pacing: true,
  glitch: true,
  wrong_words: true,
  level: true,
  other: true,
} satisfies Record<RejectionReason, true>;

export const REASON_CHOICES = Object.keys(REASONS).join('|');

export function parseReason(value: string | undefined): RejectionReason {
  if (value === undefined) throw new CliError('USAGE', `--reason is required (${REASON_CHOICES}).`);
  if (value in REASONS) return value as RejectionReason;
  throw new CliError('USAGE', `--reason must be one of ${REASON_CHOICES} (got "${value}").`);
}

/** `--at 2.4` (seconds into the take) to milliseconds. */
export function parseAt(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new CliError('USAGE', `--at must be seconds into the take, 0 or more (got "${value}").`);
  }
  return Math.round(seconds * 1000);
}

export interface ReviewRefs {
  session: string;
  beat: string;
  take?: string | undefined;
}

async function takeOf(ctx: CommandContext, refs: ReviewRefs) {
  const { sessionId, beatId, takeId } = await resolveRefs(ctx.client, refs);
  const beat = beatById(await ctx.client.sessions.get.query({ sessionId }), beatId!);
  const id = takeId ?? beat.selectedTakeId;
  if (!id) {
    throw new CliError('NOT_FOUND', `${beat.beatKey} has no selected take: name the take.`);
  }
  return { sessionId, beat, takeId: id, number: beat.takes.findIndex((t) => t.id === id) + 1 };
}

export async function approveCommand(
  ctx: CommandContext,
  refs: ReviewRefs,
  author: string,
): Promise<number> {
  const { beat, takeId, number } = await takeOf(ctx, refs);
  const result = await ctx.client.reviews.approve.mutate({ takeId, author });
  ctx.out.result(`Approved take ${number} of ${beat.beatKey} (selected).`, result);
  return 0;
}

export async function rejectCommand(
  ctx: CommandContext,
  refs: Required<ReviewRefs>,
  options: { reason: RejectionReason; note: string | undefined; atMs: number | null },
  author: string,
): Promise<number> {
  if (options.atMs !== null && options.note === undefined) {
    throw new CliError('USAGE', '--at places a note: give the note with --note TEXT.');
  }
  const { beat, takeId, number } = await takeOf(ctx, refs);
  const result = await ctx.client.reviews.reject.mutate({
    takeId,
    reason: options.reason,
    author,
    ...(options.note === undefined ? {} : { note: { text: options.note, atMs: options.atMs } }),
  });
  ctx.out.result(`Rejected take ${number} of ${beat.beatKey}: ${options.reason}.`, result);
  return 0;
}

export async function noteCommand(
  ctx: CommandContext,
  refs: Required<ReviewRefs>,
  note: { text: string; atMs: number | null },
  author: string,
): Promise<number> {
  const { beat, takeId, number } = await takeOf(ctx, refs);
  const result = await ctx.client.reviews.addNote.mutate({ takeId, ...note, author });
  const at = note.atMs === null ? '' : ` at ${(note.atMs / 1000).toFixed(1)} s`;
  ctx.out.result(`Noted on take ${number} of ${beat.beatKey}${at}.`, result);
  return 0;
}
