/**
 * Credits: every take records what its requests cost and the model's live price; a session's
 * budget stops generation exactly before the request that would pass it, with a session-level
 * `budget_exceeded` saying how much more is needed, and raising it then resuming voices the rest.
 */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const createCaller = createCallerFactory(appRouter);

describe('credits and budget', () => {
  let standIn: ElevenLabsStandIn;
  let test: TestStudio;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn({ characterQuota: 10_000 });
    // One beat at a time: the budget is checked before each request in script order.
    test = await createTestStudio({ standIn, env: { GENERATION_CONCURRENCY: '1' } });
    test.studio.worker.start();
    caller = createCaller({ ...test.studio.services, requestId: 'budget-test' });
  });

  afterAll(async () => {
    await test.close();
    await standIn.close();
  });

  const synthesized = () => standIn.requests.filter((r) => r.path.endsWith('/with-timestamps'));

  it('stops before the request that would cross the budget, and resumes after a raise', async () => {
    // Three one-line beats of 30 characters each, 1 credit per character on multilingual v2.
    const session = await caller.sessions.create({ source: numberedScript(3) });
    const line = 'Line number 01 of the script.';
    await caller.sessions.setBudget({ sessionId: session.id, credits: 2 * line.length + 5 });
    const estimate = await caller.sessions.estimate({ sessionId: session.id });
    expect(estimate.credits).toBe(3 * line.length);
    expect(estimate.budgetCredits).toBe(2 * line.length + 5);
    expect(estimate.remainingCredits).toBe(10_000);

    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    const stopped = await caller.sessions.get({ sessionId: session.id });
    expect(synthesized()).toHaveLength(2);
    expect(stopped.charactersSpent).toBe(2 * line.length);
    expect(stopped.lastError).toEqual(
      expect.objectContaining({ code: 'budget_exceeded', creditsNeeded: line.length - 5 }),
    );
    expect(stopped.beats.map((b) => b.status)).toEqual(['ready', 'ready', 'failed']);

    await caller.sessions.setBudget({ sessionId: session.id, credits: 3 * line.length });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    const resumed = await caller.sessions.get({ sessionId: session.id });
    expect(synthesized()).toHaveLength(3);
    expect(resumed.lastError).toBeNull();
    expect(resumed.charactersSpent).toBe(3 * line.length);
    expect(resumed.beats.map((b) => b.status)).toEqual(['ready', 'ready', 'ready']);
    const takes = resumed.beats.flatMap((b) => b.takes);
    expect(takes.map((t) => [t.charactersBilled, t.creditsPerCharacter])).toEqual(
      Array(3).fill([line.length, 1]),
    );
  });

  it('prices flash at its live rate and shows the remaining credits after generating', async () => {
    await caller.voices.update({
      character: 'every-coon',
      patch: { modelId: 'eleven_flash_v2_5' },
    });
    const session = await caller.sessions.create({ source: numberedScript(1, 'Flash') });
    await caller.generation.start({ sessionId: session.id });
    await test.studio.worker.idle();
    const [take] = (await caller.sessions.get({ sessionId: session.id })).beats[0]!.takes;
    expect(take?.creditsPerCharacter).toBe(0.5);
    expect(take?.charactersBilled).toBe(Math.ceil(30 / 2));
    const { credits } = await caller.account.credits();
    expect(credits).toEqual({
      used: standIn.counters.charactersBilled,
      limit: 10_000,
      remaining: 10_000 - standIn.counters.charactersBilled,
    });
    await caller.voices.update({
      character: 'every-coon',
      patch: { modelId: 'eleven_multilingual_v2' },
    });
  });

  it('lists the text-to-speech models and searches the voice library', async () => {
    const { available, models } = await caller.voices.models();
    expect(available).toBe(true);
    expect(models.map((m) => m.modelId)).not.toContain('eleven_multilingual_sts_v2');
    expect(models.find((m) => m.modelId === 'eleven_turbo_v2_5')?.creditsPerCharacter).toBe(0.5);
    const library = await caller.voices.library({ search: 'bel' });
    expect(library.voices.map((v) => v.name)).toEqual(['Bella']);
    expect(library.voices[0]?.previewUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/previews\//);
    const page = await caller.voices.library({ pageSize: 4 });
    expect(page.voices).toHaveLength(4);
    expect(page.hasMore).toBe(true);
    const next = await caller.voices.library({ pageSize: 4, nextPageToken: page.nextPageToken! });
    expect(next.voices).toHaveLength(2);
    expect(standIn.requests.filter((r) => r.path === '/v2/voices').at(-1)?.query).toEqual({
      page_size: '4',
      next_page_token: page.nextPageToken,
    });
  });
});
