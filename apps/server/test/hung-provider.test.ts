/**
 * A provider that never answers: a preview whose caller left stops its request at once, and a
 * generation job gives up at its deadline with the `timeout` code the UI shows.
 */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioClient } from './support/client.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

/** Polls until `condition` holds. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a provider that never answers', () => {
  let standIn: ElevenLabsStandIn;
  let test: TestStudio;
  let client: ReturnType<typeof createStudioClient>;

  beforeAll(async () => {
    standIn = await startElevenLabsStandIn({ hang: 'headers' });
    // The provider's own first-byte timeout (30 s) is far longer than this deadline.
    test = await createTestStudio({ standIn, jobDeadlineMs: 1_500 });
    client = createStudioClient(await test.studio.start());
  }, 120_000);

  afterAll(async () => {
    await test?.close();
    await standIn?.close();
  });

  it('stops a preview’s provider request when its caller disconnects', async () => {
    standIn.reset();
    const caller = new AbortController();
    const preview = client.voices.preview.mutate(
      { character: 'boomer', text: 'Nobody will hear this.' },
      { signal: caller.signal },
    );
    preview.catch(() => {});
    // The first preview loads the ElevenLabs SDK (thousands of modules): slow on a busy machine.
    await until(() => standIn.counters.hung === 1, 90_000);
    caller.abort();
    // Well before the provider's own 30 s first-byte timeout: the disconnect reached the request.
    await until(() => standIn.counters.abandoned === 1, 15_000);
    expect(standIn.counters.requests).toBe(1);
  }, 120_000);

  it('fails a job past its deadline with the code timeout, and stops its request', async () => {
    standIn.reset();
    const session = await client.sessions.create.mutate({ source: numberedScript(1) });
    await client.generation.start.mutate({ sessionId: session.id });
    await until(async () => {
      const view = await client.sessions.get.query({ sessionId: session.id });
      return view.beats[0]!.status === 'failed';
    });
    const [beat] = (await client.sessions.get.query({ sessionId: session.id })).beats;
    expect(beat!.error?.code).toBe('timeout');
    await until(() => standIn.counters.abandoned >= 1, 15_000);
  }, 60_000);
});
