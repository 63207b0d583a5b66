import {
  entriesIn,
  espeakText,
  MAX_DICTIONARY_LOCATORS,
  substituteAliases,
  type Lexicon,
} from '../lexicon/lexicon.js';
import { supportsPhonemes, type ProviderName } from '../provider-facts.js';
import type { SpeechRequest } from '../providers/speech-provider.js';

/**
 * A request as the provider should receive it under the project's lexicon. On a model that takes
 * phoneme rules, the text stays as written and the dictionary goes along (only when the text
 * contains one of its words); on other ElevenLabs models the aliases are substituted in the text;
 * the local voice gets aliases and eSpeak phoneme input. `lines` change with the text, so the
 * take can still find each line in the alignment.
 */
export function pronounce(
  request: SpeechRequest,
  lexicon: Lexicon | undefined,
  provider: ProviderName,
): SpeechRequest {
  const entries = lexicon ? entriesIn(request.text, lexicon.entries) : [];
  if (!lexicon || entries.length === 0) return request;
  if (provider === 'elevenlabs' && supportsPhonemes(request.modelId)) {
    if (!lexicon.dictionary) return request;
    return {
      ...request,
      pronunciation: {
        dictionaries: [lexicon.dictionary].slice(0, MAX_DICTIONARY_LOCATORS),
        rules: entries,
      },
    };
  }
  const spoken = (text: string) =>
    provider === 'local' ? espeakText(text, entries) : substituteAliases(text, entries);
  const lines = request.lines?.map(spoken);
  const joined = request.lines !== undefined && request.lines.join(' ') === request.text;
  return {
    ...request,
    text: joined && lines ? lines.join(' ') : spoken(request.text),
    ...(lines ? { lines } : {}),
  };
}
