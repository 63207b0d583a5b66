/** Pronunciation lexicons, one per project: how the voices say names, brands and coinages. */
import { listLexicon } from '@studio/db';
import { addLexiconEntry, deleteLexiconEntry } from '../lexicon/lexicon-changes.js';
import { uncommonWords } from '../lexicon/check-words.js';
import { toLexiconEntry } from '../lexicon/project-lexicon.js';
import { requireScript } from '../sessions/script.js';
import { procedure, router } from '../trpc.js';
import {
  addEntryInput,
  checkWordsInput,
  projectInput,
  removeEntryInput,
} from './lexicon.schema.js';

export const lexiconRouter = router({
  list: procedure.input(projectInput).query(({ ctx, input }) => listLexicon(ctx.db, input.project)),
  add: procedure.input(addEntryInput).mutation(({ ctx, input }) => addLexiconEntry(ctx, input)),
  remove: procedure
    .input(removeEntryInput)
    .mutation(({ ctx, input }) => deleteLexiconEntry(ctx, input.project, input.word)),
  /** The script's words no dictionary knows and its project's lexicon does not cover. */
  checkWords: procedure.input(checkWordsInput).query(async ({ ctx, input }) => {
    const script = await requireScript(ctx, input.source);
    const lexicon = script.project ? await listLexicon(ctx.db, script.project) : [];
    const texts = script.beats.flatMap((beat) => beat.lines.map((line) => line.text));
    return {
      project: script.project,
      words: await uncommonWords(texts, lexicon.map(toLexiconEntry)),
    };
  }),
});
