/**
 * A script being written or edited, validated as it changes: the one place the web runs the
 * parser on a draft (the new-session and re-import pages both hold one).
 */
import { parse, validate, type ParseOptions } from '@studio/els';
import { voices } from './voices.svelte.js';

export class ScriptDraft {
  source = $state('');

  /** The studio's characters and default speaker once loaded; until then any name is accepted. */
  readonly options: ParseOptions = $derived(voices.parseOptions);
  /** Null while the draft is blank. */
  readonly validation = $derived(
    this.source.trim() === '' ? null : validate(this.source, this.options),
  );
  readonly errors = $derived(
    this.validation?.diagnostics.filter((d) => d.severity === 'error') ?? [],
  );
  readonly warnings = $derived(
    this.validation?.diagnostics.filter((d) => d.severity === 'warning') ?? [],
  );
  /** The parsed script once the draft is valid (parsed only when read). */
  readonly script = $derived.by(() => {
    if (!this.validation?.ok) return null;
    const parsed = parse(this.source, this.options);
    return parsed.ok ? parsed.script : null;
  });
}
