/** `list_lexicon`, `add_lexicon_entry`, `remove_lexicon_entry`: how a project's voices say words. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { LexiconEntryRow } from '@studio/db';
import { z } from 'zod';
import type { LexiconChange } from '../../lexicon/lexicon-changes.js';
import { defineTool, type ToolContext } from '../tool-context.js';
import { successResult } from '../tool-result.js';

const entryShape = z.object({
  word: z.string(),
  alias: z.string().nullable(),
  phoneme: z.string().nullable(),
  alphabet: z.enum(['ipa', 'cmu']).nullable(),
  case_sensitive: z.boolean(),
});

const changeShape = {
  entry: entryShape,
  stale_beats: z.number().int(),
};

function entryOut(entry: LexiconEntryRow): z.infer<typeof entryShape> {
  return {
    word: entry.word,
    alias: entry.alias,
    phoneme: entry.phoneme,
    alphabet: entry.alphabet,
    case_sensitive: entry.caseSensitive,
  };
}

const changeOut = (change: LexiconChange) => ({
  entry: entryOut(change.entry),
  stale_beats: change.staleBeats,
});

const project = z.string().min(1).describe('The script’s `project` (its META), e.g. trash-panda.');

export function registerLexiconTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'list_lexicon',
    {
      title: 'List a project’s pronunciation lexicon',
      description:
        'How the voices of one project say particular words: each entry is an alias spoken instead (GIF → "jif") or phonemes (IPA or CMU). Free.',
      input: { project },
      output: { entries: z.array(entryShape) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args, _extra, { caller }) => {
      const entries = (await caller.lexicon.list(args)).map(entryOut);
      return successResult(
        { entries },
        entries.length === 0
          ? `No entries in ${args.project}.`
          : `${entries.length} entries: ${entries.map((e) => e.word).join(', ')}.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'add_lexicon_entry',
    {
      title: 'Add or change a pronunciation',
      description:
        'Says a word of a project one way: give either alias (text spoken instead) or phoneme with alphabet (ipa or cmu). Replaces the word’s earlier entry. Voiced beats containing the word become stale (re-voice them with generate_beat_audio); nothing else changes. Free; re-voicing costs credits.',
      input: {
        project,
        word: z.string().min(1).describe('The word as written in scripts.'),
        alias: z.string().min(1).optional().describe('Text to speak instead, e.g. "jif".'),
        phoneme: z.string().min(1).optional().describe('Phonemes, e.g. "dʒɪf" or "JH IH1 F".'),
        alphabet: z.enum(['ipa', 'cmu']).optional().describe('The phonemes’ alphabet.'),
        case_sensitive: z.boolean().default(false),
      },
      output: changeShape,
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args, _extra, { caller }) => {
      const { project: name, word, alias, phoneme, alphabet, case_sensitive } = args;
      const change = await caller.lexicon.add(
        (alias !== undefined
          ? { project: name, word, alias, caseSensitive: case_sensitive }
          : {
              project: name,
              word,
              phoneme,
              alphabet,
              caseSensitive: case_sensitive,
            }) as Parameters<typeof caller.lexicon.add>[0],
      );
      const out = changeOut(change);
      return successResult(out, `${word} saved; ${out.stale_beats} voiced beats are now stale.`);
    },
  );

  defineTool(
    server,
    context,
    'remove_lexicon_entry',
    {
      title: 'Remove a pronunciation',
      description:
        'Forgets how a project says a word: voiced beats containing it become stale. Free.',
      input: { project, word: z.string().min(1) },
      output: changeShape,
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
    },
    async (args, _extra, { caller }) => {
      const out = changeOut(await caller.lexicon.remove(args));
      return successResult(
        out,
        `${args.word} removed; ${out.stale_beats} voiced beats are now stale.`,
      );
    },
  );
}
