import { describe, expect, it } from 'vitest';
import { parseLoudness } from '../src/commands/export.js';
import { CliError } from '../src/errors.js';
import { normalizeArgs, run } from '../src/main.js';

async function usageError(argv: string[]): Promise<CliError> {
  const error = await run(argv, {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('arguments', () => {
  it('glues a negative number to its option', () => {
    expect(normalizeArgs(['export', 'abc', '--loudness', '-16', '--out', 'x'])).toEqual([
      'export',
      'abc',
      '--loudness=-16',
      '--out',
      'x',
    ]);
  });

  it('accepts the three loudness targets and off, refuses anything else as a usage error', () => {
    expect(parseLoudness('-16')).toBe(-16);
    expect(parseLoudness('-23')).toBe(-23);
    expect(parseLoudness('off')).toBeNull();
    expect(parseLoudness(undefined)).toBeNull();
    expect(() => parseLoudness('-20')).toThrow(CliError);
  });

  it.each([
    [['select', 'a', 'b']],
    [['frobnicate']],
    [['export', 'abc']],
    [['sessions', '--nope']],
    [['regenerate', 'a', 'b', '--stability', 'high']],
    [['new', 'script.els', '--dialogue-mode', 'duet']],
  ])('%j is a usage error with exit code 2', async (argv) => {
    const error = await usageError(argv);
    expect(error.code).toBe('USAGE');
    expect(error.exitCode).toBe(2);
  });
});
