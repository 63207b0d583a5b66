/** The MP3 encoder's worker thread dying: the beats it was encoding fail with a code, no hang. */
import { createMp3EncoderPool } from '@studio/audio';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);
let standIn: ElevenLabsStandIn | undefined;
let test: TestStudio | undefined;

afterEach(async () => {
  await test?.close();
  await standIn?.close();
});

describe('an encoder thread that dies', () => {
  it('fails each beat it was encoding with encoder_failed, and the session settles', async () => {
    standIn = await startElevenLabsStandIn({ latencyMs: 10 });
    test = await createTestStudio({ standIn });
    const { services } = test.studio;
    await services.encoder.close();
    // A heap too small to load LAME: every worker dies under its stream.
    services.encoder = createMp3EncoderPool({
      threads: 1,
      resourceLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 },
    });
    test.studio.worker.start();
    const caller = createCaller({ ...services, requestId: 'encoder-failure' });

    const session = await caller.sessions.create({ source: numberedScript(3) });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();

    const view = await caller.sessions.get({ sessionId: session.id });
    expect(view.status).not.toBe('generating');
    for (const beat of view.beats) {
      expect(beat.status).toBe('failed');
      expect(beat.takes).toEqual([]);
      expect(beat.error).toMatchObject({ code: 'encoder_failed' });
      expect(beat.error?.message).toMatch(/MP3 encoder/);
    }
  });
});
