/**
 * A script being written or edited, checked as it changes: the one place the web runs the
 * parser on a draft (the new-session and re-import pages both hold one). The editor hands the
 * text over when typing pauses, and each text is parsed once.
 */
import { parse, type ParseOptions } from '@studio/els';
import { voices } from './voices.svelte.js';

export class ScriptDraft {
  source = $state('');

  /** The studio's characters and default speaker once loaded; until then any name is accepted. */
  readonly options: ParseOptions = $derived(voices.parseOptions);
  /** Null while the draft is blank. */
  readonly parsed = $derived(this.source.trim() === '' ? null : parse(this.source, this.options));
  readonly diagnostics = $derived(this.parsed?.diagnostics ?? []);
  readonly errors = $derived(this.diagnostics.filter((d) => d.severity === 'error'));
  readonly warnings = $derived(this.diagnostics.filter((d) => d.severity === 'warning'));
  /** The parsed script once the draft is valid. */
  readonly script = $derived(this.parsed?.ok ? this.parsed.script : null);
}
