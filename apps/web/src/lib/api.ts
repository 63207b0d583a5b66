/** Shapes of the server's answers, inferred from the router type (never written by hand). */
import type { SubscriptionResolver } from '@trpc/client';
import type { Client } from './trpc.js';

type QueryOutput<T> = T extends { query: (...args: never[]) => Promise<infer R> } ? R : never;

export type VoiceProfile = QueryOutput<Client['voices']['list']>[number];
export type SessionSummary = QueryOutput<Client['sessions']['list']>[number];
export type SessionView = QueryOutput<Client['sessions']['get']>;
export type SessionOutlineView = QueryOutput<Client['sessions']['summary']>;
export type BeatView = SessionView['beats'][number];
export type TakeView = BeatView['takes'][number];
export type ExportView = QueryOutput<Client['exports']['get']>;
export type ReimportPreview = QueryOutput<Client['sessions']['previewReimport']>;
export type RegenerateOverrides = Parameters<
  Client['generation']['regenerateBeat']['mutate']
>[0]['overrides'];

export type RejectionReason = Parameters<Client['reviews']['reject']['mutate']>[0]['reason'];
export type NoteView = TakeView['notes'][number];
export type BeatReview = BeatView['review'];

type SubscriptionDef<T> = T extends SubscriptionResolver<infer D> ? D : never;
type Yielded<T> = T extends AsyncIterable<infer U> ? U : never;
/** What `events.session` delivers: `{ id, data }` (tracked events). */
export type TrackedStudioEvent = Yielded<
  SubscriptionDef<Client['events']['session']['subscribe']>['output']
>;
export type StudioEvent = TrackedStudioEvent['data'];
