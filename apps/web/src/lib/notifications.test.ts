import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifications, reportError } from './notifications.svelte.js';

afterEach(() => {
  for (const toast of notifications.toasts) notifications.dismiss(toast.id);
  notifications.tokenRequested = false;
  vi.restoreAllMocks();
});

describe('the error funnel', () => {
  it('turns any failure into one readable toast', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    reportError(new Error('Disk full'));
    expect(notifications.toasts).toHaveLength(1);
    expect(notifications.toasts[0]).toMatchObject({ tone: 'error', title: 'Disk full' });
  });

  it('shows field errors of a rejected input', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    reportError(
      TRPCClientError.from({
        error: {
          code: -32600,
          message: 'bad',
          data: {
            code: 'BAD_REQUEST',
            httpStatus: 400,
            zod: { formErrors: [], fieldErrors: { videoTitle: ['Too small'] } },
          },
        },
      }),
    );
    expect(notifications.toasts[0]?.fields).toEqual([
      { field: 'videoTitle', message: 'Too small' },
    ]);
  });

  it('opens the token prompt when the server asks for the token', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    reportError(
      TRPCClientError.from({
        error: { code: -32001, message: 'no', data: { code: 'UNAUTHORIZED', httpStatus: 401 } },
      }),
    );
    expect(notifications.tokenRequested).toBe(true);
    // The dialog explains it: no toast repeating it.
    expect(notifications.toasts).toHaveLength(0);
  });

  it('folds the same message repeated into one toast', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    reportError(new Error('Offline'));
    reportError(new Error('Offline'));
    expect(notifications.toasts).toHaveLength(1);
  });

  it('keeps at most five toasts and dismisses by id', () => {
    for (let i = 0; i < 8; i++) notifications.info(`Note ${i}`);
    expect(notifications.toasts.map((t) => t.title)).toEqual([
      'Note 3',
      'Note 4',
      'Note 5',
      'Note 6',
      'Note 7',
    ]);
    notifications.dismiss(notifications.toasts[0]!.id);
    expect(notifications.toasts).toHaveLength(4);
  });
});
