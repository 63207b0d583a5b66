import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor, shortcutHelp } from './shortcuts.js';

const el = (tagName: string, extra: Record<string, unknown> = {}) =>
  ({ tagName, ...extra }) as unknown as EventTarget;

describe('shortcutFor', () => {
  it('maps the review keys', () => {
    expect(shortcutFor({ key: 'j' })).toEqual({ type: 'next-beat' });
    expect(shortcutFor({ key: 'k' })).toEqual({ type: 'previous-beat' });
    expect(shortcutFor({ key: ' ' })).toEqual({ type: 'toggle-play' });
    expect(shortcutFor({ key: 'r' })).toEqual({ type: 'revise' });
    expect(shortcutFor({ key: '?' })).toEqual({ type: 'help' });
    expect(shortcutFor({ key: 'Escape' })).toEqual({ type: 'close' });
  });

  it('maps the decision keys, and lists them in the help', () => {
    expect(['a', 'x', 'n', 'u'].map((key) => shortcutFor({ key }))).toEqual([
      { type: 'approve' },
      { type: 'reject' },
      { type: 'note' },
      { type: 'next-unreviewed' },
    ]);
    const listed = shortcutHelp.flatMap((row) => row.keys);
    expect(listed).toEqual(expect.arrayContaining(['a', 'x', 'n', 'u']));
    expect(shortcutFor({ key: 'a', target: el('TEXTAREA') })).toBeNull();
  });

  it('maps 1–9 to take indexes 0–8 and ignores 0', () => {
    expect(shortcutFor({ key: '1' })).toEqual({ type: 'select-take', index: 0 });
    expect(shortcutFor({ key: '9' })).toEqual({ type: 'select-take', index: 8 });
    expect(shortcutFor({ key: '0' })).toBeNull();
  });

  it('stays out of the way while typing', () => {
    for (const target of [
      el('INPUT', { type: 'text' }),
      el('TEXTAREA'),
      el('SELECT'),
      el('DIV', { isContentEditable: true }),
    ]) {
      expect(shortcutFor({ key: 'j', target })).toBeNull();
      expect(shortcutFor({ key: ' ', target })).toBeNull();
      expect(shortcutFor({ key: '1', target })).toBeNull();
      expect(shortcutFor({ key: '?', target })).toBeNull();
    }
  });

  it('still closes dialogs with Escape from a field', () => {
    expect(shortcutFor({ key: 'Escape', target: el('INPUT', { type: 'text' }) })).toEqual({
      type: 'close',
    });
  });

  it('lets Space press a focused button, but j/k still work there', () => {
    expect(shortcutFor({ key: ' ', target: el('BUTTON') })).toBeNull();
    expect(shortcutFor({ key: 'j', target: el('BUTTON') })).toEqual({ type: 'next-beat' });
  });

  it('works on sliders (a range input is not a text field)', () => {
    expect(shortcutFor({ key: 'k', target: el('INPUT', { type: 'range' }) })).toEqual({
      type: 'previous-beat',
    });
  });

  it('ignores keys with modifiers (browser shortcuts)', () => {
    expect(shortcutFor({ key: 'r', ctrlKey: true })).toBeNull();
    expect(shortcutFor({ key: 'j', metaKey: true })).toBeNull();
    expect(shortcutFor({ key: '1', altKey: true })).toBeNull();
  });

  it('ignores unbound keys', () => {
    expect(shortcutFor({ key: 'z' })).toBeNull();
    expect(shortcutFor({ key: 'J' })).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('knows text inputs from other inputs', () => {
    expect(isTypingTarget(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
