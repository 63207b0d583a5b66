import { z } from 'zod';
import { sessionRef } from './sessions.schema.js';

/** `lastEventId` is filled in by the client on reconnection (tracked events). */
export const sessionEventsInput = sessionRef.extend({ lastEventId: z.string().nullish() });
