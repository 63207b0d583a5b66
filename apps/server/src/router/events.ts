/** Live session events over SSE: every open browser sees generation as it happens. */
import { tracked } from '@trpc/server';
import { getSessionRow } from '@studio/db';
import type { BusEnvelope } from '../events/bus.js';
import type { StudioEvent } from '../events/types.js';
import { procedure, router } from '../trpc.js';
import { sessionEventsInput } from './events.schema.js';

/** Tracked, so a reconnecting client resumes from the last event it saw. */
async function* trackedEvents(deliveries: AsyncIterable<BusEnvelope<StudioEvent>>) {
  for await (const { id, event } of deliveries) yield tracked(id, event);
}

export const eventsRouter = router({
  // Not a generator itself: an unknown session is refused before the stream starts, as an error
  // with its code.
  session: procedure.input(sessionEventsInput).subscription(async ({ ctx, input, signal }) => {
    await getSessionRow(ctx.db, input.sessionId);
    return trackedEvents(
      ctx.bus.subscribe(input.sessionId, { lastEventId: input.lastEventId, signal }),
    );
  }),
});
