/**
 * A worker that loses its claim on a job (another process took it over after the lease ran out,
 * as the database now says) stops rendering it and records nothing.
 */
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { generationJobs, listSessionJobs } from '@studio/db';
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

let standIn: ElevenLabsStandIn | undefined;
let test: TestStudio | undefined;

afterEach(async () => {
  await test?.close();
  await standIn?.close();
});

it('stops voicing a beat whose claim another worker holds now, and adds no take', async () => {
  standIn = await startElevenLabsStandIn({ latencyMs: 2_000 });
  test = await createTestStudio({ standIn, leaseRenewMs: 50 });
  const { db } = test.studio.services;
  const caller = createCallerFactory(appRouter)({ ...test.studio.services, requestId: 'lease' });
  const session = await caller.sessions.create({ source: numberedScript(1) });
  test.studio.worker.start();
  await caller.generation.start({ sessionId: session.id });

  let [job] = await listSessionJobs(db, session.id);
  while (job?.status !== 'running') {
    await new Promise((resolve) => setTimeout(resolve, 10));
    [job] = await listSessionJobs(db, session.id);
  }
  await db
    .update(generationJobs)
    .set({ leaseOwner: 'another-process' })
    .where(eq(generationJobs.id, job.id));
  await test.studio.worker.idle();

  const lost = test.logs
    .map((line) => JSON.parse(line) as { msg: string })
    .filter((entry) => entry.msg === 'lost the claim on a running job: stopping it here');
  expect(lost).toHaveLength(1);
  expect(await listSessionJobs(db, session.id)).toMatchObject([
    { id: job.id, status: 'running', leaseOwner: 'another-process' },
  ]);
  const view = await caller.sessions.get({ sessionId: session.id });
  expect(view.beats[0]!.takes).toEqual([]);
});
