/**
 * `studio lexicon list|add|remove`: a project's pronunciation lexicon. A change re-voices nothing
 * by itself: the beats that contain the word become stale, for `generation.start` to voice again.
 */
import { CliError } from '../errors.js';
import type { CommandContext } from './context.js';

export interface LexiconAddOptions {
  alias?: string | undefined;
  ipa?: string | undefined;
  cmu?: string | undefined;
  caseSensitive: boolean;
}

/** Exactly one of `--alias`, `--ipa`, `--cmu`: what the word is said as. */
export function pronunciationOf(options: LexiconAddOptions) {
  const given = (['alias', 'ipa', 'cmu'] as const).filter((name) => options[name] !== undefined);
  if (given.length !== 1) {
    throw new CliError(
      'USAGE',
      'Give exactly one of --alias TEXT, --ipa PHONEMES, --cmu PHONEMES.',
    );
  }
  const { alias, ipa, cmu, caseSensitive } = options;
  if (alias !== undefined) return { alias, caseSensitive };
  return {
    phoneme: (ipa ?? cmu)!,
    alphabet: ipa !== undefined ? 'ipa' : 'cmu',
    caseSensitive,
  } as const;
}

const said = (entry: { alias: string | null; phoneme: string | null; alphabet: string | null }) =>
  entry.alias !== null ? `"${entry.alias}"` : `/${entry.phoneme}/ (${entry.alphabet})`;

export async function lexiconListCommand(
  { client, out }: CommandContext,
  project: string,
): Promise<number> {
  const entries = await client.lexicon.list.query({ project });
  const lines = entries.map(
    (entry) => `${entry.word}  →  ${said(entry)}${entry.caseSensitive ? '  (case-sensitive)' : ''}`,
  );
  out.result(lines.length > 0 ? lines.join('\n') : `No lexicon entries in ${project}.`, entries);
  return 0;
}

export async function lexiconAddCommand(
  { client, out }: CommandContext,
  project: string,
  word: string,
  options: LexiconAddOptions,
): Promise<number> {
  const change = await client.lexicon.add.mutate({ project, word, ...pronunciationOf(options) });
  out.result(
    `${change.entry.word} is said ${said(change.entry)} in ${project}; ${change.staleBeats} voiced beat${change.staleBeats === 1 ? '' : 's'} now stale.`,
    change,
  );
  return 0;
}

export async function lexiconRemoveCommand(
  { client, out }: CommandContext,
  project: string,
  word: string,
): Promise<number> {
  const change = await client.lexicon.remove.mutate({ project, word });
  out.result(
    `Removed ${change.entry.word} from ${project}; ${change.staleBeats} voiced beat${change.staleBeats === 1 ? '' : 's'} now stale.`,
    change,
  );
  return 0;
}
