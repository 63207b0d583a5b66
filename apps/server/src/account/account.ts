/**
 * The ElevenLabs account as the studio sees it: live models and their prices, the voice library
 * and the subscription's remaining credits. Without a key (the local voice) there is no account:
 * every list is empty and credits are unknown, and nothing fails.
 */
import {
  createElevenLabsAccount,
  creditsPerCharacter,
  type Credits,
  type ElevenLabsAccount,
  type ModelInfo,
  type VoicePage,
  type VoiceSearch,
} from '@studio/audio';
import type { ProviderConfig } from '../env.js';
import type { Logger } from '../logger.js';

export interface Account {
  /** Whether there is an ElevenLabs account behind the studio. */
  readonly available: boolean;
  /** The dictionaries' API, for the lexicon; null without a key. */
  readonly elevenlabs: ElevenLabsAccount | null;
  /** Text-to-speech models with their price; fetched once and kept for `MODELS_TTL_MS`. */
  models(): Promise<ModelInfo[]>;
  voices(search: VoiceSearch): Promise<VoicePage>;
  /**
   * Credits per character of a model: its live price once the models were fetched, else the
   * capability table's.
   */
  rate(modelId: string | null | undefined): number;
  /** The last known credits (null: unknown, or no account). */
  credits(): Credits | null;
  /** Asks the account again (after a generation); keeps the last value if that fails. */
  refreshCredits(): Promise<Credits | null>;
}

const MODELS_TTL_MS = 10 * 60_000;
/** After a failed listing, jobs price with the table for this long instead of asking again. */
const MODELS_RETRY_MS = 60_000;
/** Account calls are small answers: a slow one is a problem, not a long text. */
const ACCOUNT_TIMEOUT_S = 10;

export function createAccount(config: ProviderConfig, log: Logger): Account {
  if (config.kind !== 'elevenlabs') {
    return {
      available: false,
      elevenlabs: null,
      models: () => Promise.resolve([]),
      voices: () => Promise.resolve({ voices: [], hasMore: false, nextPageToken: null }),
      rate: () => 0,
      credits: () => null,
      refreshCredits: () => Promise.resolve(null),
    };
  }
  const elevenlabs = createElevenLabsAccount({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    timeoutInSeconds: ACCOUNT_TIMEOUT_S,
  });
  let models: { list: ModelInfo[]; at: number } | null = null;
  let modelsFailedAt = Number.NEGATIVE_INFINITY;
  let credits: Credits | null = null;

  async function listModels(): Promise<ModelInfo[]> {
    if (models && Date.now() - models.at < MODELS_TTL_MS) return models.list;
    // Every job asks before it prices: a failing API is asked once a minute, not once a job.
    if (Date.now() - modelsFailedAt < MODELS_RETRY_MS) return models?.list ?? [];
    try {
      const list = await elevenlabs.models();
      models = { list, at: Date.now() };
      return list;
    } catch (error) {
      modelsFailedAt = Date.now();
      log.warn({ err: error }, 'could not list the models: pricing with the capability table');
      throw error;
    }
  }

  return {
    available: true,
    elevenlabs,
    models: listModels,
    voices: (search) => elevenlabs.voices(search),
    rate(modelId) {
      const live = modelId ? models?.list.find((model) => model.modelId === modelId) : undefined;
      return live?.creditsPerCharacter ?? creditsPerCharacter(modelId);
    },
    credits: () => credits,
    async refreshCredits() {
      try {
        credits = await elevenlabs.credits();
      } catch (error) {
        log.warn({ err: error }, 'could not read the subscription credits');
      }
      return credits;
    },
  };
}
