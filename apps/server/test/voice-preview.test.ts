/** Voice previews speak their text as ELS: parsed like a script line, refused like one. */
import { describe, expect, it } from 'vitest';
import type { StudioError } from '../src/errors.js';
import { expectError } from './support/errors.js';
import { useCallerStudio } from './support/studio.js';

describe('voice preview', () => {
  const studio = useCallerStudio('preview-test');

  it('voices the text through the parser: markup is read, never spoken', async () => {
    const { caller, standIn } = studio();
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
    const { caller } = studio();
    const error = await expectError(
      caller.voices.preview({ character: 'boomer', text: 'Fine.\nHello [PACE: fast] there.' }),
      'BAD_REQUEST',
      'INVALID_SCRIPT',
    );
    const diagnostics = (error.cause as StudioError).diagnostics ?? [];
    expect(diagnostics.map((d) => [d.code, d.line])).toContainEqual(['tag/inline', 2]);
  });
});
