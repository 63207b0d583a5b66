/**
 * Free text at the API boundary: text the database cannot store (NUL, a lone surrogate) and
 * text past its limit are refused as 400s naming the field, before any SQL runs; voice ids
 * must look like voice ids. Through `createCaller`, on PGlite and on Postgres when available.
 */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { availableTestEngines, createTestDatabase } from '@studio/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { StudioError } from '../src/errors.js';
import { appRouter } from '../src/router/index.js';
import { TEXT_LIMITS, UNSTORABLE_TEXT } from '../src/router/text.schema.js';
import { createCallerFactory } from '../src/trpc.js';
import { expectError } from './support/errors.js';
import { numberedScript, script } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);
const NUL = 'Title\u0000with a NUL';
const LONE_SURROGATE = 'Title \uD800 half a pair';
const SEED_VOICE = 'BRruTxiLM2nszrcCIpz1';

/** Awaits a call refused with BAD_REQUEST by input validation; returns the issue at `path`. */
async function expectRefusedField(call: Promise<unknown>, path: string) {
  const error = await expectError(call, 'BAD_REQUEST');
  const issues = (error.cause as z.ZodError).issues;
  const issue = issues.find((candidate) => candidate.path.join('.') === path);
  expect(issue, `an issue at ${path} in ${JSON.stringify(issues)}`).toBeDefined();
  return issue!;
}

async function expectUnstorable(call: Promise<unknown>, path: string) {
  expect(await expectRefusedField(call, path)).toMatchObject({
    code: 'custom',
    params: { code: UNSTORABLE_TEXT },
  });
}

describe.each(availableTestEngines())('on %s', (engine) => {
  let standIn: ElevenLabsStandIn;
  let test: TestStudio;
  let caller: ReturnType<typeof createCaller>;
  let sessionId: string;
  let beatId: string;

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn();
    test = await createTestStudio({ standIn, database: await createTestDatabase({ engine }) });
    caller = createCaller({ ...test.studio.services, requestId: 'input-bounds-test' });
    const session = await caller.sessions.create({ source: numberedScript(1, 'Kept title') });
    sessionId = session.id;
    beatId = session.beats[0]!.id;
  });

  afterAll(async () => {
    await test?.close();
    await standIn?.close();
  });

  describe('text the database cannot store', () => {
    it('is refused in a session title, and the stored title stays', async () => {
      for (const videoTitle of [NUL, LONE_SURROGATE]) {
        await expectUnstorable(caller.sessions.rename({ sessionId, videoTitle }), 'videoTitle');
        await expectUnstorable(
          caller.sessions.create({ source: numberedScript(1), videoTitle }),
          'videoTitle',
        );
      }
      expect((await caller.sessions.get({ sessionId })).videoTitle).toBe('Kept title');
    });

    it('is refused in a voice profile and in a preview', async () => {
      await expectUnstorable(
        caller.voices.update({ character: 'boomer', patch: { description: NUL } }),
        'patch.description',
      );
      await expectUnstorable(
        caller.voices.update({ character: 'boomer', patch: { displayName: LONE_SURROGATE } }),
        'patch.displayName',
      );
      await expectUnstorable(
        caller.voices.update({ character: 'boo\u0000mer', patch: { stability: 0.5 } }),
        'character',
      );
      await expectUnstorable(caller.voices.preview({ character: 'boomer', text: NUL }), 'text');
    });

    it('is refused in a regeneration direction', async () => {
      await expectUnstorable(
        caller.generation.regenerateBeat({ sessionId, beatId, overrides: { direction: NUL } }),
        'overrides.direction',
      );
      await expectUnstorable(
        caller.generation.regenerateBeat({
          sessionId,
          beatId,
          overrides: { direction: LONE_SURROGATE },
        }),
        'overrides.direction',
      );
    });

    it('in a script is a diagnostic at its line and column', async () => {
      const source = script([{ id: 'a', body: 'Fine line.\nBad\u0000 line.' }]);
      for (const call of [
        caller.sessions.create({ source }),
        caller.sessions.reimport({ sessionId, source }),
      ]) {
        const error = await expectError(call, 'BAD_REQUEST', 'INVALID_SCRIPT');
        expect((error.cause as StudioError).diagnostics).toContainEqual(
          expect.objectContaining({ code: 'text/invalid-character', line: 10, column: 4 }),
        );
      }
      const checked = await caller.els.validate({ source: `${numberedScript(1)}\uDC00` });
      expect(checked.diagnostics.map((d) => d.code)).toContain('text/invalid-character');
    });
  });

  describe('voice ids', () => {
    it('refuses ids that are not letters and digits, before any provider request', async () => {
      for (const voiceId of ['..', '../../v1/user', 'a/b', 'short', 'x'.repeat(65), '']) {
        await expectRefusedField(
          caller.voices.update({ character: 'boomer', patch: { voiceId } }),
          'patch.voiceId',
        );
        await expectRefusedField(
          caller.voices.preview({ character: 'boomer', settings: { voiceId } }),
          'settings.voiceId',
        );
      }
      expect(standIn.counters.requests).toBe(0);
      const profile = await caller.voices.update({
        character: 'boomer',
        patch: { voiceId: SEED_VOICE },
      });
      expect(profile.voiceId).toBe(SEED_VOICE);
    });
  });

  describe('free-text limits', () => {
    const over = (limit: number) => 'x'.repeat(limit + 1);

    it('bounds every free-text field', async () => {
      await expectRefusedField(
        caller.sessions.rename({ sessionId, videoTitle: over(TEXT_LIMITS.title) }),
        'videoTitle',
      );
      await expectRefusedField(
        caller.voices.update({
          character: 'boomer',
          patch: { modelId: over(TEXT_LIMITS.modelId) },
        }),
        'patch.modelId',
      );
      await expectRefusedField(
        caller.voices.update({
          character: 'boomer',
          patch: { description: over(TEXT_LIMITS.description) },
        }),
        'patch.description',
      );
      await expectRefusedField(
        caller.voices.preview({
          character: 'boomer',
          settings: { modelId: over(TEXT_LIMITS.modelId) },
        }),
        'settings.modelId',
      );
      await expectRefusedField(
        caller.generation.regenerateBeat({
          sessionId,
          beatId,
          overrides: { direction: over(TEXT_LIMITS.direction) },
        }),
        'overrides.direction',
      );
      await expectRefusedField(
        caller.sessions.reimport({
          sessionId,
          source: numberedScript(1),
          removeBeatKeys: [over(TEXT_LIMITS.beatKey)],
        }),
        'removeBeatKeys.0',
      );
      // At the limit is fine.
      const queued = await caller.generation.regenerateBeat({
        sessionId,
        beatId,
        overrides: { direction: 'x'.repeat(TEXT_LIMITS.direction) },
      });
      expect(queued).toBeDefined();
    });
  });
});
