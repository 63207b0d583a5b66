/**
 * A script being written or edited, validated as it changes: the one place the web runs the
 * parser on a draft (the new-session and re-import pages both hold one). Each text is parsed
 * once: `parse` returns the diagnostics, and the script when there is no error.
 */
import { parse, type ParseOptions } from '@studio/els';
import { voices } from './voices.svelte.js';

export class ScriptDraft {
  source = $state('');

  /** The studio's characters and default speaker once loaded; until then any name is accepted. */
  readonly options: ParseOptions = $derived(voices.parseOptions);
  /** Null while the draft is blank. */
  readonly parsed = $derived(this.source.trim() === '' ? null : parse(this.source, this.options));
  /** Null while the draft is blank; `beatCount` is read only when the draft is valid. */
  readonly validation = $derived(
    this.parsed === null
      ? null
      : {
          ok: this.parsed.ok,
          diagnostics: this.parsed.diagnostics,
          beatCount: this.parsed.ok ? this.parsed.script.beats.length : 0,
        },
  );
  readonly errors = $derived(
    this.validation?.diagnostics.filter((d) => d.severity === 'error') ?? [],
  );
  readonly warnings = $derived(
    this.validation?.diagnostics.filter((d) => d.severity === 'warning') ?? [],
  );
  /** The parsed script once the draft is valid. */
  readonly script = $derived(this.parsed?.ok ? this.parsed.script : null);
}
