/**
 * `DEFAULT_CHARACTER`: who speaks the lines a script gives no speaker. Checked against the voice
 * profiles at start, so a studio never runs with a default nobody can voice.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/router/index.js';
import { createCallerFactory } from '../src/trpc.js';
import { freePort, spawnStudio, waitUntilListening } from './support/child.js';
import { createTestStudio, tempDir, type TestStudio } from './support/studio.js';

const speakerless =
  '[META]\nvideo_title: Nobody named\n\n[BEAT: q1]\nname: q1\n---\nWho says this?\n[END_BEAT]\n';

describe('DEFAULT_CHARACTER', () => {
  const dataDir = tempDir('studio-default-character-');
  let test: TestStudio;

  // The first test database of a file migrates PGlite from scratch: slow on a busy machine.
  beforeAll(async () => {
    test = await createTestStudio({ env: { DEFAULT_CHARACTER: 'Boomer' } });
  }, 120_000);

  afterAll(async () => {
    await test.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // A fresh embedded database is migrated before the check: a minute on a busy machine.
  it('stops the start, naming the variable, when no voice profile has that name', async () => {
    const studio = spawnStudio({
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DEFAULT_CHARACTER: 'nobody-at-all',
    });
    const listening = waitUntilListening(studio, 110_000).then(
      () => 'listening' as const,
      () => 'not listening' as const,
    );
    try {
      expect(await Promise.race([studio.exited, listening])).toBe(1);
      expect(studio.output()).toContain('DEFAULT_CHARACTER');
      expect(await listening).toBe('not listening');
    } finally {
      studio.child.kill('SIGKILL');
    }
  }, 120_000);

  it('gives speakerless lines to the configured character, as its profile spells it', async () => {
    const caller = createCallerFactory(appRouter)({ ...test.studio.services, requestId: 't' });
    expect(await caller.els.options()).toMatchObject({ defaultCharacter: 'boomer' });
    const parsed = await caller.els.parse({ source: speakerless });
    expect(parsed.ok && parsed.script.beats[0]!.lines.map((line) => line.character)).toEqual([
      'boomer',
    ]);
  });
});
