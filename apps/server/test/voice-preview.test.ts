/** Voice previews speak their text as ELS: parsed like a script line, refused like one. */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioError } from '../src/errors.js';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { expectError } from './support/errors.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);

describe('voice preview', () => {
  let standIn: ElevenLabsStandIn;
  let test: TestStudio;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn();
    test = await createTestStudio({ standIn });
    caller = createCaller({ ...test.studio.services, requestId: 'preview-test' });
  });

  afterAll(async () => {
    await test?.close();
    await standIn?.close();
  });

  it('voices the text through the parser: markup is read, never spoken', async () => {
    const before = standIn.requests.length;
    const preview = await caller.voices.preview({
      character: 'boomer',
      text: 'Bag look *same*. [PAUSE: 400ms] Bag **not** same.',
    });
    expect(preview.durationMs).toBeGreaterThan(400);
    const sent = standIn.requests.slice(before).map((r) => (r.body as { text: string }).text);
    expect(sent).toEqual(['Bag look same. Bag NOT same.']);
  });

  it('refuses text that is not a valid line, at its line in the text', async () => {
    const error = await expectError(
      caller.voices.preview({ character: 'boomer', text: 'Fine.\nHello [PACE: fast] there.' }),
      'BAD_REQUEST',
      'INVALID_SCRIPT',
    );
    const diagnostics = (error.cause as StudioError).diagnostics ?? [];
    expect(diagnostics.map((d) => [d.code, d.line])).toContainEqual(['tag/inline', 2]);
  });
});
