import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import type { DictionaryLocator, LexiconEntry } from '../lexicon/lexicon.js';
import { lazyElevenLabsClient } from './elevenlabs-client.js';
import { toSpeechError } from './elevenlabs-errors.js';

/** A text-to-speech model the account can use, with its live price. */
export interface ModelInfo {
  modelId: string;
  name: string;
  description: string;
  /** Credits per character (`model_rates.character_cost_multiplier`). */
  creditsPerCharacter: number;
  /** The API's own per-request limit, when it says. */
  maxCharacters: number | null;
}

/** A voice of the account's library (`/v2/voices`). */
export interface LibraryVoice {
  voiceId: string;
  name: string;
  category: string | null;
  description: string;
  labels: Record<string, string>;
  /** ElevenLabs' own sample of the voice, playable before it is assigned. */
  previewUrl: string | null;
}

export interface VoiceSearch {
  search?: string | undefined;
  pageSize?: number | undefined;
  nextPageToken?: string | undefined;
}

export interface VoicePage {
  voices: LibraryVoice[];
  hasMore: boolean;
  nextPageToken: string | null;
}

/** The plan's credits this period. */
export interface Credits {
  used: number;
  limit: number;
  remaining: number;
}

/**
 * Everything about the account besides voicing: live models and prices, the voice library, the
 * subscription's credits and the pronunciation dictionaries the lexicon is compiled into.
 */
export interface ElevenLabsAccount {
  models(): Promise<ModelInfo[]>;
  voices(search: VoiceSearch): Promise<VoicePage>;
  credits(): Promise<Credits>;
  /**
   * Compiles a lexicon into a dictionary: a new one when `existing` is null, else its rules
   * replaced (a new version). Returns where the version now lives.
   */
  saveDictionary(
    name: string,
    entries: readonly LexiconEntry[],
    existing: DictionaryLocator | null,
  ): Promise<DictionaryLocator>;
}

export interface ElevenLabsAccountOptions {
  apiKey: string;
  baseUrl?: string | undefined;
  timeoutInSeconds?: number;
}

type Rule =
  ElevenLabs.BodyAddAPronunciationDictionaryV1PronunciationDictionariesAddFromRulesPostRulesItem;

function ruleOf(entry: LexiconEntry): Rule {
  const base = {
    stringToReplace: entry.word,
    caseSensitive: entry.caseSensitive,
    wordBoundaries: true,
  };
  return entry.alias !== undefined
    ? { type: 'alias', ...base, alias: entry.alias }
    : { type: 'phoneme', ...base, phoneme: entry.phoneme, alphabet: entry.alphabet };
}

export function createElevenLabsAccount(options: ElevenLabsAccountOptions): ElevenLabsAccount {
  const sdkClient = lazyElevenLabsClient({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    timeoutInSeconds: options.timeoutInSeconds ?? 30,
  });
  const call = async <T>(run: (client: Awaited<ReturnType<typeof sdkClient>>) => Promise<T>) => {
    try {
      return await run(await sdkClient());
    } catch (error) {
      throw toSpeechError(error);
    }
  };

  return {
    models: () =>
      call(async (client) =>
        (await client.models.list())
          .filter((model) => model.canDoTextToSpeech === true)
          .map((model) => ({
            modelId: model.modelId,
            name: model.name ?? model.modelId,
            description: model.description ?? '',
            creditsPerCharacter: model.modelRates?.characterCostMultiplier ?? 1,
            maxCharacters: model.maximumTextLengthPerRequest ?? null,
          })),
      ),
    voices: (search) =>
      call(async (client) => {
        const page = await client.voices.search({
          ...(search.search ? { search: search.search } : {}),
          pageSize: search.pageSize ?? 30,
          ...(search.nextPageToken ? { nextPageToken: search.nextPageToken } : {}),
        });
        return {
          voices: page.voices.map((voice) => ({
            voiceId: voice.voiceId,
            name: voice.name ?? voice.voiceId,
            category: voice.category ?? null,
            description: voice.description ?? '',
            labels: voice.labels ?? {},
            previewUrl: voice.previewUrl ?? null,
          })),
          hasMore: page.hasMore,
          nextPageToken: page.nextPageToken ?? null,
        };
      }),
    credits: () =>
      call(async (client) => {
        const { characterCount, characterLimit } = await client.user.subscription.get();
        return {
          used: characterCount,
          limit: characterLimit,
          remaining: Math.max(0, characterLimit - characterCount),
        };
      }),
    saveDictionary: (name, entries, existing) =>
      call(async (client) => {
        const rules = entries.map(ruleOf);
        if (existing) {
          const set = await client.pronunciationDictionaries.rules.set(existing.dictionaryId, {
            rules,
          });
          return { dictionaryId: set.id, versionId: set.versionId };
        }
        const created = await client.pronunciationDictionaries.createFromRules({ name, rules });
        return { dictionaryId: created.id, versionId: created.versionId };
      }),
  };
}
