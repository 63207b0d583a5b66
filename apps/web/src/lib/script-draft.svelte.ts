/**
 * A script being written, edited or shown: the one place the web runs the parser on a draft
 * (the new-session, re-import and script pages each hold one). Each text the editor hands over
 * is read once, off the main thread, for its diagnostics and its tokens.
 */
import type { ParseOptions } from '@studio/els';
import { readInWorker } from './els-editor/reader.js';
import { blankReading, type Reading } from './els-editor/reading.js';
import { voices } from './voices.svelte.js';

export class ScriptDraft {
  source = $state('');

  /** The studio's characters and default speaker once loaded; until then any name is accepted. */
  readonly options: ParseOptions = $derived(voices.parseOptions);
  /** What the parser read in the latest text it was given (`reading.source`). */
  reading = $state.raw<Reading>(blankReading);
  /** Whether the reading is of the current `source` (it follows a change within a moment). */
  readonly current = $derived(this.reading.source === this.source);
  /** Null while the draft is blank. */
  readonly parsed = $derived(this.reading.parsed);
  readonly diagnostics = $derived(this.parsed?.diagnostics ?? []);
  readonly errors = $derived(this.diagnostics.filter((d) => d.severity === 'error'));
  readonly warnings = $derived(this.diagnostics.filter((d) => d.severity === 'warning'));
  /** The parsed script once the draft is valid. */
  readonly script = $derived(this.parsed?.ok ? this.parsed.script : null);

  /** Create while a component initialises: the draft reads each new text until it is destroyed. */
  constructor() {
    $effect(() => {
      const source = this.source;
      if (source.trim() === '') {
        this.reading = { ...blankReading, source };
        return;
      }
      void readInWorker(source, $state.snapshot(this.options)).then((reading) => {
        if (reading.source === this.source) this.reading = reading;
      });
    });
  }
}
