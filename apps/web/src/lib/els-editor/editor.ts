/**
 * The ELS script editor: CodeMirror 6 set up with the ELS language pieces of this folder. Loaded
 * with a dynamic import by the pages that edit, so no other page pays for CodeMirror.
 */

import { autocompletion, completionKeymap, type CompletionSource } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import {
  bracketMatching,
  codeFolding,
  foldGutter,
  foldKeymap,
  foldService,
} from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import {
  EditorSelection,
  EditorState,
  StateEffect,
  StateField,
  Transaction,
  type Extension,
} from '@codemirror/state';
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
  placeholder as placeholderText,
  type DecorationSet,
} from '@codemirror/view';
import type { Diagnostic, ParseOptions } from '@studio/els';
import { completionsAt, type CompletionFacts } from './completion.js';
import { formatSource } from './format-source.js';
import { highlightSpans } from './highlight.js';
import { hoverAt, type VoiceFacts } from './hover.js';
import { lintDiagnostics, offsetOf } from './lint.js';
import { outline, type OutlineBeat } from './structure.js';
import type { ElsToken } from '@studio/els';

export interface ElsEditorOptions {
  parent: HTMLElement;
  doc: string;
  label: string;
  placeholder?: string;
  readOnly?: boolean;
  /** The current facts for completion and hover (the voice profiles load after the editor). */
  facts: () => { characters: CompletionFacts['characters']; voices: readonly VoiceFacts[] };
  /** The text after each pause in typing (debounced): the page parses it and calls `show`. */
  onchange: (text: string) => void;
  /** The beats of the text last shown. */
  onbeats: (beats: OutlineBeat[]) => void;
}

export interface ElsEditor {
  /** Replace the whole text (an upload, "Clear"): one undoable change. */
  setText(text: string): void;
  /**
   * Colour, outline and lint by what the parser read in `source`, when it is still the editor's
   * text (a later change brings its own).
   */
  show(source: string, tokens: readonly ElsToken[], diagnostics: readonly Diagnostic[]): void;
  /** Select a 1-based range, scroll it into view and focus the editor. */
  select(line: number, column: number, endLine?: number, endColumn?: number): void;
  /** Put the cursor at `offset`, scroll its line to the top and focus the editor. */
  jump(offset: number): void;
  /** Mark the beat with this id (the one under review), or none. */
  highlightBeat(id: string | null): void;
  /** Run "Format"; false when the script has errors. */
  format(options: ParseOptions): boolean;
  /** Hand over the pending text now (before a click on "Create" reads it). */
  flush(): void;
  destroy(): void;
}

interface Structure {
  decorations: DecorationSet;
  beats: OutlineBeat[];
  review: string | null;
  reviewDecorations: DecorationSet;
}

const setTokens = StateEffect.define<{ source: string; tokens: readonly ElsToken[] }>();
const setReview = StateEffect.define<string | null>();
const reviewLine = Decoration.line({ class: 'els-review' });
/** One mark per class, shared by every token of that class (a long script has thousands). */
const marks = new Map<string, Decoration>();
function markOf(className: string): Decoration {
  let mark = marks.get(className);
  if (!mark) marks.set(className, (mark = Decoration.mark({ class: className })));
  return mark;
}

/** Highlighting, beats and the beat under review, recomputed when the text is handed over. */
const structure = StateField.define<Structure>({
  create: () => ({
    decorations: Decoration.none,
    beats: [],
    review: null,
    reviewDecorations: Decoration.none,
  }),
  update(value, tr) {
    let next = value;
    if (tr.docChanged) {
      next = {
        ...value,
        decorations: value.decorations.map(tr.changes),
        reviewDecorations: value.reviewDecorations.map(tr.changes),
        beats: value.beats.map((beat) => ({
          ...beat,
          from: tr.changes.mapPos(beat.from),
          to: tr.changes.mapPos(beat.to, 1),
          headerEnd: tr.changes.mapPos(beat.headerEnd, 1),
        })),
      };
    }
    for (const effect of tr.effects) {
      if (effect.is(setTokens)) {
        const { source, tokens } = effect.value;
        next = {
          ...next,
          decorations: Decoration.set(
            highlightSpans(tokens).map((s) => markOf(s.class).range(s.from, s.to)),
          ),
          beats: outline(source, tokens),
        };
        next.reviewDecorations = reviewDecorations(tr.state, next.beats, next.review);
      } else if (effect.is(setReview)) {
        next = { ...next, review: effect.value };
        next.reviewDecorations = reviewDecorations(tr.state, next.beats, effect.value);
      }
    }
    return next;
  },
  provide: (field) => [
    EditorView.decorations.from(field, (value) => value.decorations),
    EditorView.decorations.from(field, (value) => value.reviewDecorations),
  ],
});

function reviewDecorations(
  state: EditorState,
  beats: readonly OutlineBeat[],
  id: string | null,
): DecorationSet {
  const beat = id === null ? undefined : beats.find((b) => b.id === id);
  if (!beat) return Decoration.none;
  const ranges = [];
  const last = state.doc.lineAt(Math.min(beat.to, state.doc.length)).number;
  for (let n = state.doc.lineAt(beat.from).number; n <= last; n++) {
    ranges.push(reviewLine.range(state.doc.line(n).from));
  }
  return Decoration.set(ranges);
}

function isStructureChange(tr: Transaction): boolean {
  return tr.effects.some((effect) => effect.is(setTokens));
}

/** A beat folds to its header line. */
const beatFolding = foldService.of((state, lineStart, lineEnd) => {
  const beat = state.field(structure).beats.find((b) => b.from >= lineStart && b.from <= lineEnd);
  if (!beat || beat.to <= beat.headerEnd) return null;
  return { from: beat.headerEnd, to: Math.min(beat.to, state.doc.length) };
});

const theme = EditorView.theme({
  '&': {
    height: '100%',
    fontSize: '13px',
    backgroundColor: 'var(--surface)',
    color: 'var(--text)',
  },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '20px' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--text-faint)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--accent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 22%, transparent)',
  },
  '.cm-tooltip': { fontFamily: 'var(--font-sans, inherit)', fontSize: '12.5px', maxWidth: '420px' },
  '.els-tag': { color: 'var(--accent)', fontWeight: '600' },
  '.els-unknown-tag': { color: 'var(--danger)' },
  '.els-value': { color: 'var(--success)' },
  '.els-beat-id': { color: 'var(--accent)', fontWeight: '700' },
  '.els-beat-name': { fontWeight: '700' },
  '.els-key': { color: 'var(--warning)' },
  '.els-separator': { color: 'var(--text-faint)' },
  '.els-direction': { color: 'var(--text-muted)', fontStyle: 'italic' },
  '.els-pause': { color: 'var(--accent)' },
  '.els-emphasis': { fontStyle: 'italic' },
  '.els-strong': { fontWeight: '700' },
  '.els-audio-tag': { color: 'var(--warning)', fontStyle: 'italic' },
  '.els-bracket': { textDecoration: 'underline dotted' },
  '.els-review': { backgroundColor: 'var(--accent-soft)' },
  '.els-hover': { padding: '4px 8px' },
});

/** How long typing must pause before the text is parsed: longer for long scripts. */
function delayFor(length: number): number {
  return length > 20_000 ? 400 : 150;
}

export function createElsEditor(options: ElsEditorOptions): ElsEditor {
  const { facts } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const complete: CompletionSource = (context) => {
    const { characters } = facts();
    const list = completionsAt(context.state.doc, context.pos, {
      characters,
      beats: context.state.field(structure).beats,
    });
    return list && { from: list.from, options: list.options, validFor: /^[\w-]*$/ };
  };

  const hover = hoverTooltip((view, pos) => {
    const info = hoverAt(view.state.doc, pos, facts().voices);
    if (!info) return null;
    return {
      pos: info.from,
      end: info.to,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'els-hover';
        dom.textContent = info.text;
        return { dom };
      },
    };
  });

  const extensions: Extension[] = [
    lineNumbers(),
    // The beats are known once the text is handed over, after the edit itself.
    foldGutter({ foldingChanged: (update) => update.transactions.some(isStructureChange) }),
    codeFolding(),
    beatFolding,
    lintGutter(),
    highlightActiveLine(),
    highlightActiveLineGutter(),
    drawSelection(),
    history(),
    bracketMatching(),
    highlightSelectionMatches(),
    search({ top: true }),
    autocompletion({ override: [complete] }),
    structure,
    hover,
    theme,
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': options.label }),
    keymap.of([
      ...defaultKeymap,
      ...historyKeymap,
      ...searchKeymap,
      ...foldKeymap,
      ...completionKeymap,
      // No Tab binding: ELS has no indentation, and Tab must leave the editor for the keyboard.
      ...lintKeymap,
    ]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) schedule();
      // Not inside the update: a listener may not dispatch.
      if (update.focusChanged && !update.view.hasFocus) queueMicrotask(flush);
    }),
    // A dropped file replaces the script (the page reads it), not inserted where it falls.
    EditorView.domEventHandlers({
      drop: (event) => (event.dataTransfer?.files.length ?? 0) > 0,
    }),
  ];
  if (options.placeholder) extensions.push(placeholderText(options.placeholder));
  if (options.readOnly) extensions.push(EditorState.readOnly.of(true));

  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({ doc: options.doc, extensions }),
  });

  function schedule() {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, delayFor(view.state.doc.length));
  }

  function publish() {
    options.onchange(view.state.doc.toString());
  }

  function flush() {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    publish();
  }

  return {
    setText(text) {
      const { doc } = view.state;
      if (text === doc.toString()) return;
      view.dispatch({
        changes: { from: 0, to: doc.length, insert: text },
        // Filling an empty editor (a loaded script) is not an edit to undo.
        annotations: Transaction.addToHistory.of(doc.length > 0),
      });
      flush();
    },
    show(source, tokens, diagnostics) {
      const { doc } = view.state;
      if (source.length !== doc.length || source !== doc.toString()) return;
      view.dispatch(setDiagnostics(view.state, lintDiagnostics(doc, diagnostics)), {
        effects: setTokens.of({ source, tokens }),
      });
      options.onbeats(view.state.field(structure).beats);
    },
    select(line, column, endLine = line, endColumn = column) {
      const { doc } = view.state;
      const anchor = offsetOf(doc, line, column);
      const head = Math.max(anchor, offsetOf(doc, endLine, endColumn));
      view.dispatch({
        selection: EditorSelection.single(anchor, head),
        effects: EditorView.scrollIntoView(anchor, { y: 'center' }),
      });
      view.focus();
    },
    jump(offset) {
      const at = Math.min(offset, view.state.doc.length);
      view.dispatch({
        selection: EditorSelection.cursor(at),
        effects: EditorView.scrollIntoView(at, { y: 'start', yMargin: 40 }),
      });
      view.focus();
    },
    highlightBeat(id) {
      view.dispatch({ effects: setReview.of(id) });
    },
    format(parseOptions) {
      const { state } = view;
      const cursor = state.selection.main.head;
      const line = state.doc.lineAt(cursor);
      const formatted = formatSource(
        state.doc.toString(),
        parseOptions,
        line.number,
        cursor - line.from + 1,
      );
      if (formatted === null) return false;
      view.dispatch({ changes: { from: 0, to: state.doc.length, insert: formatted.text } });
      const at = offsetOf(view.state.doc, formatted.line, formatted.column);
      view.dispatch({
        selection: EditorSelection.cursor(at),
        effects: EditorView.scrollIntoView(at, { y: 'center' }),
      });
      flush();
      view.focus();
      return true;
    },
    flush,
    destroy() {
      if (timer !== null) clearTimeout(timer);
      view.destroy();
    },
  };
}
