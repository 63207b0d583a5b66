/** The review screen's keyboard map, kept pure so it can be tested and shown in the help. */

export type ShortcutAction =
  | { type: 'next-beat' }
  | { type: 'previous-beat' }
  | { type: 'toggle-play' }
  | { type: 'select-take'; index: number }
  | { type: 'revise' }
  | { type: 'approve' }
  | { type: 'reject' }
  | { type: 'note' }
  | { type: 'next-unreviewed' }
  | { type: 'help' }
  | { type: 'close' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: EventTarget | null;
}

/** What the help dialog lists. */
export const shortcutHelp: readonly { keys: string[]; action: string }[] = [
  { keys: ['j'], action: 'Next beat' },
  { keys: ['k'], action: 'Previous beat' },
  { keys: ['Space'], action: 'Play / pause the current beat' },
  { keys: ['1', '…', '9'], action: 'Select take n of the current beat' },
  { keys: ['r'], action: 'Revise the current beat' },
  { keys: ['a'], action: 'Approve the take under review (and select it)' },
  { keys: ['x'], action: 'Reject the take under review (pick a reason)' },
  { keys: ['n'], action: 'Add a note to the take under review, at the playhead' },
  { keys: ['u'], action: 'Next beat that needs review' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Esc'], action: 'Close a dialog or panel' },
];

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
}

const textInputTypes = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** True when keys typed now belong to a field (or an open dialog's control), not to the page. */
export function isTypingTarget(target: EventTarget | null | undefined): boolean {
  const el = target as ElementLike | null | undefined;
  if (!el || typeof el !== 'object') return false;
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return textInputTypes.has((el.type ?? 'text').toLowerCase());
  return false;
}

/** True for elements that Space activates by itself. */
export function isControlTarget(target: EventTarget | null | undefined): boolean {
  const el = target as ElementLike | null | undefined;
  if (!el || typeof el !== 'object') return false;
  const tag = (el.tagName ?? '').toUpperCase();
  return tag === 'BUTTON' || tag === 'INPUT' || tag === 'SUMMARY' || tag === 'A';
}

/** The action bound to a key press, or null when the page should let it through. */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return { type: 'close' };
  if (isTypingTarget(event.target)) return null;
  switch (event.key) {
    case 'j':
      return { type: 'next-beat' };
    case 'k':
      return { type: 'previous-beat' };
    case ' ':
    case 'Spacebar':
      // A focused control keeps its own Space (press the button, tick the box).
      return isControlTarget(event.target) ? null : { type: 'toggle-play' };
    case 'r':
      return { type: 'revise' };
    case 'a':
      return { type: 'approve' };
    case 'x':
      return { type: 'reject' };
    case 'n':
      return { type: 'note' };
    case 'u':
      return { type: 'next-unreviewed' };
    case '?':
      return { type: 'help' };
  }
  if (/^[1-9]$/.test(event.key)) return { type: 'select-take', index: Number(event.key) - 1 };
  return null;
}
