/**
 * The studio's typed API. Apps import `type AppRouter` (and the types beside it) from here and
 * nothing else.
 */
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { router } from '../trpc.js';
import { accountRouter } from './account.js';
import { elsRouter } from './els.js';
import { eventsRouter } from './events.js';
import { exportsRouter } from './exports.js';
import { generationRouter } from './generation.js';
import { lexiconRouter } from './lexicon.js';
import { reviewsRouter } from './reviews.js';
import { qcRouter } from './qc.js';
import { sessionsRouter } from './sessions.js';
import { takesRouter } from './takes.js';
import { voicesRouter } from './voices.js';

export const appRouter = router({
  els: elsRouter,
  sessions: sessionsRouter,
  generation: generationRouter,
  takes: takesRouter,
  reviews: reviewsRouter,
  qc: qcRouter,
  exports: exportsRouter,
  voices: voicesRouter,
  lexicon: lexiconRouter,
  account: accountRouter,
  events: eventsRouter,
});

export type AppRouter = typeof appRouter;
export type { DomainErrorCode } from '../errors.js';
export type { ApiErrorData } from '../trpc.js';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
