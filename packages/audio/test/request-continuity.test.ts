import { beforeEach, describe, expect, it } from 'vitest';
import {
  CONTINUITY_REQUEST_ID_MAX_AGE_MS,
  renderTake,
  type SegmentContinuity,
} from '../src/index.js';
import { beatsOf, PROFILES, useStandInRender } from './helpers.js';

// Three beats of one script: the middle one is voiced between the other two's takes.
const [before, middle, after] = beatsOf(`[BEAT: 01_before]
name: 01_before
---
[CHARACTER: boomer]
One.
[PAUSE: 100ms]
[CHARACTER: wojak]
Two.
[PAUSE: 100ms]
[CHARACTER: boomer]
Three.
[PAUSE: 100ms]
[CHARACTER: wojak]
Four.
[PAUSE: 100ms]
[END_BEAT]

[BEAT: 02_middle]
name: 02_middle
---
[CHARACTER: boomer]
Back in my day.
[PAUSE: 200ms]
[CHARACTER: wojak]
It is over.
[PAUSE: 300ms]
[END_BEAT]

[BEAT: 03_after]
name: 03_after
---
[CHARACTER: chad]
We are so back.
[PAUSE: 200ms]
[END_BEAT]`);

type Body = Record<string, unknown>;

const setup = useStandInRender();
// No cache: every render here is sent, so the log shows each request.
const base = () => {
  const { provider, storage, sessionId } = setup().render;
  return { provider, storage, sessionId, profiles: PROFILES };
};
const bodies = () => setup().standIn.requests.map((r) => r.body as Body);

beforeEach(() => {
  setup().standIn.setRefuseRequestIds(false);
});

async function neighbours() {
  const previous = await renderTake({ ...base(), beat: before!, takeId: 'before' });
  const next = await renderTake({ ...base(), beat: after!, takeId: 'after' });
  setup().standIn.reset();
  return { previous: previous.take.continuity, next: next.take.continuity };
}

describe('continuity across requests', () => {
  it('sends the neighbouring takes’ request ids (at most 3, nearest last) instead of their text', async () => {
    const { standIn } = setup();
    const around = await neighbours();
    const context = { previousText: 'Four.', nextText: 'We are so back.' };
    const { take } = await renderTake({
      ...base(),
      beat: middle!,
      takeId: 'middle',
      context,
      neighbours: around,
    });

    const [first, second] = bodies();
    // The previous beat had four requests: the three nearest go, oldest first.
    expect(first?.previous_request_ids).toEqual(around.previous.slice(1).map((c) => c.requestId));
    expect(first).not.toHaveProperty('previous_text');
    expect(first).toMatchObject({ next_text: 'It is over.' });
    // The last segment: this take's first request before it, the next beat's take after it.
    expect(second).toMatchObject({
      previous_request_ids: [
        around.previous[2]?.requestId,
        around.previous[3]?.requestId,
        standIn.requests[0]?.requestId,
      ],
      next_request_ids: [around.next[0]?.requestId],
    });
    expect(second).not.toHaveProperty('next_text');
    expect(take.continuity).toEqual([
      expect.objectContaining({ previous: 'request_ids', next: 'text', dialogue: false }),
      expect.objectContaining({ previous: 'request_ids', next: 'request_ids', dialogue: false }),
    ]);
    expect(take.continuity.map((c) => c.requestId)).toEqual(
      standIn.requests.map((r) => r.requestId),
    );
  });

  it('sends the neighbours’ text when their ids are two hours old', async () => {
    const { standIn } = setup();
    const aged = (takes: SegmentContinuity[]) =>
      takes.map((c) => ({ ...c, voicedAt: c.voicedAt - CONTINUITY_REQUEST_ID_MAX_AGE_MS }));
    const around = await neighbours();
    const { take } = await renderTake({
      ...base(),
      beat: middle!,
      takeId: 'later',
      context: { previousText: 'Four.', nextText: 'We are so back.' },
      neighbours: { previous: aged(around.previous), next: aged(around.next) },
    });
    const [first, second] = bodies();
    expect(first).toMatchObject({ previous_text: 'Four.', next_text: 'It is over.' });
    expect(first).not.toHaveProperty('previous_request_ids');
    // Its own first request is new, so usable; the next beat's is not.
    expect(second).toMatchObject({
      previous_request_ids: [standIn.requests[0]?.requestId],
      next_text: 'We are so back.',
    });
    expect(second).not.toHaveProperty('next_request_ids');
    expect(take.continuity.map((c) => [c.previous, c.next])).toEqual([
      ['text', 'text'],
      ['request_ids', 'text'],
    ]);
  });

  it('falls back to the text when the API refuses the ids', async () => {
    const { standIn } = setup();
    const around = await neighbours();
    standIn.setRefuseRequestIds(true);
    const { take } = await renderTake({
      ...base(),
      beat: middle!,
      takeId: 'refused',
      context: { previousText: 'Four.' },
      neighbours: around,
    });
    // Each request went twice: refused with ids, answered with text.
    expect(standIn.requests.map((r) => r.status)).toEqual([400, 200, 400, 200]);
    const sent = bodies();
    expect(sent[0]).toHaveProperty('previous_request_ids');
    expect(sent[1]).toMatchObject({ previous_text: 'Four.', next_text: 'It is over.' });
    expect(sent[1]).not.toHaveProperty('previous_request_ids');
    expect(sent[3]).toMatchObject({ previous_text: 'Back in my day.' });
    expect(take.continuity.map((c) => [c.previous, c.next])).toEqual([
      ['text', 'text'],
      ['text', 'none'],
    ]);
    expect(take.requestIds).toEqual([
      standIn.requests[1]?.requestId,
      standIn.requests[3]?.requestId,
    ]);
  });
});
