/**
 * The one error funnel: every failure in the UI goes through `reportError`, which turns it into
 * a readable toast (and opens the token prompt when the server asks for the studio token).
 */
import { describeError, type UserError } from './errors.js';

export interface Toast {
  id: number;
  tone: 'error' | 'success' | 'info';
  title: string;
  detail?: string;
  fields?: UserError['fields'];
}

class Notifications {
  toasts = $state<Toast[]>([]);
  /** Set when the server answered 401: the layout shows the token dialog. */
  tokenRequested = $state(false);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  push(toast: Omit<Toast, 'id'>, timeoutMs = toast.tone === 'error' ? 10_000 : 4_000): number {
    // The same message twice in a row is one toast (a failing poll must not flood the screen).
    const last = this.toasts.at(-1);
    if (last && last.title === toast.title && last.detail === toast.detail) {
      this.#arm(last.id, timeoutMs);
      return last.id;
    }
    const id = this.#next++;
    this.toasts = [...this.toasts.slice(-4), { ...toast, id }];
    this.#arm(id, timeoutMs);
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  success(title: string, detail?: string): void {
    this.push({ tone: 'success', title, ...(detail ? { detail } : {}) });
  }

  info(title: string, detail?: string): void {
    this.push({ tone: 'info', title, ...(detail ? { detail } : {}) });
  }

  #arm(id: number, timeoutMs: number): void {
    clearTimeout(this.#timers.get(id));
    if (timeoutMs > 0 && typeof setTimeout !== 'undefined') {
      this.#timers.set(
        id,
        setTimeout(() => this.dismiss(id), timeoutMs),
      );
    }
  }
}

export const notifications = new Notifications();

/** Report any failure to the user. Returns what was shown, for callers that also render it inline. */
export function reportError(error: unknown): UserError {
  const described = describeError(error);
  if (typeof console !== 'undefined') console.warn('[studio]', error);
  if (described.kind === 'auth') {
    // The token dialog says it all; a toast next to it would only repeat it.
    notifications.tokenRequested = true;
    return described;
  }
  notifications.push({
    tone: 'error',
    title: described.title,
    ...(described.detail ? { detail: described.detail } : {}),
    ...(described.fields ? { fields: described.fields } : {}),
  });
  return described;
}
