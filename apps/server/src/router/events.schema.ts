import { sessionRef } from './sessions.schema.js';
import { storableText, TEXT_LIMITS } from './text.schema.js';

/** `lastEventId` is filled in by the client on reconnection (tracked events). */
export const sessionEventsInput = sessionRef.extend({
  lastEventId: storableText({ max: TEXT_LIMITS.eventId }).nullish(),
});
