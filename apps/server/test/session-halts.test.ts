import { SpeechError, type SpeechProvider, type SpeechRequest } from '@studio/audio';
import { describe, expect, it } from 'vitest';
import { createSessionHalts } from '../src/generation/session-halts.js';

const request: SpeechRequest = {
  text: 'x',
  voiceId: 'v',
  modelId: 'm',
  settings: { stability: 0.5, similarityBoost: 0.5, style: 0, speed: 1 },
};

/** Refuses with `quota_exceeded` while `quota` is false; counts what was really sent. */
function account() {
  const state = { quota: false, sent: 0 };
  const provider: SpeechProvider = {
    name: 'elevenlabs',
    cacheNamespace: 'fake',
    voiceKey: () => 'v',
    async synthesize() {
      state.sent++;
      if (!state.quota) throw new SpeechError('quota_exceeded', 'quota');
      return {
        pcm: new Int16Array(0),
        sampleRate: 24_000,
        alignment: { characters: [], startMs: [], endMs: [] },
        charactersBilled: 1,
        requestId: null,
        continuity: { previous: 'none', next: 'none' },
        voicedAt: 0,
        modelId: 'm',
      };
    },
  };
  return { state, provider };
}

describe('session halts', () => {
  it('stops sending a session’s requests after the first account-level refusal', async () => {
    const { state, provider } = account();
    const halts = createSessionHalts();
    const a = halts.guard(provider, 'a');
    await expect(a.synthesize(request)).rejects.toMatchObject({ code: 'quota_exceeded' });
    await expect(a.synthesize(request)).rejects.toMatchObject({ code: 'quota_exceeded' });
    await expect(halts.guard(provider, 'a').synthesize(request)).rejects.toMatchObject({
      code: 'quota_exceeded',
    });
    expect(state.sent).toBe(1);

    // Other sessions are not stopped by it; clearing lifts the stop.
    state.quota = true;
    await expect(halts.guard(provider, 'b').synthesize(request)).resolves.toBeTruthy();
    halts.clear('a');
    await expect(a.synthesize(request)).resolves.toBeTruthy();
    expect(state.sent).toBe(3);
  });

  it('does not stop a session for a failure of one request', async () => {
    const halts = createSessionHalts();
    let sent = 0;
    const flaky: SpeechProvider = {
      ...account().provider,
      async synthesize() {
        sent++;
        throw new SpeechError('server', 'boom');
      },
    };
    const guarded = halts.guard(flaky, 'a');
    await expect(guarded.synthesize(request)).rejects.toMatchObject({ code: 'server' });
    await expect(guarded.synthesize(request)).rejects.toMatchObject({ code: 'server' });
    expect(sent).toBe(2);
  });
});
