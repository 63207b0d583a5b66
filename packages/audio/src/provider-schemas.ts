/** The provider facts as zod schemas, for the API's input validation (not browser-bound: zod). */
import { z } from 'zod';
import { LOUDNESS_TARGETS, MAX_SPEED, MIN_SPEED, UNIT_RANGE } from './provider-facts.js';

/** Stability, similarity and style. */
export const unitSchema = z.number().min(UNIT_RANGE.min).max(UNIT_RANGE.max);
export const speedSchema = z.number().min(MIN_SPEED).max(MAX_SPEED);
export const loudnessSchema = z.literal(LOUDNESS_TARGETS);
