/**
 * The account's text-to-speech models with their live price (`voices.models`), loaded once for
 * the Voices page's pickers and the new-session estimate. Without an ElevenLabs key there are
 * none: the pickers and prices fall back to the capability table's.
 */
import { creditsPerCharacter, ELEVENLABS_MODELS } from '@studio/audio/facts';
import { reportError } from './notifications.svelte.js';
import { trpc } from './trpc.js';

export interface ModelChoice {
  modelId: string;
  label: string;
  /** Credits per character; null when the list is the capability table's (no live price). */
  creditsPerCharacter: number | null;
}

class ModelStore {
  choices = $state<ModelChoice[]>(
    ELEVENLABS_MODELS.map((modelId) => ({ modelId, label: modelId, creditsPerCharacter: null })),
  );
  live = $state(false);
  #loaded: Promise<void> | null = null;

  /** A model's live price, else the capability table's. */
  rate = (modelId: string | null | undefined): number =>
    this.choices.find((model) => model.modelId === modelId)?.creditsPerCharacter ??
    creditsPerCharacter(modelId);

  load(): Promise<void> {
    return (this.#loaded ??= trpc.voices.models
      .query()
      .then(({ available, models }) => {
        if (!available || models.length === 0) return;
        this.live = true;
        this.choices = models.map((model) => ({
          modelId: model.modelId,
          label: `${model.name} · ${model.creditsPerCharacter} credit/char`,
          creditsPerCharacter: model.creditsPerCharacter,
        }));
      })
      .catch((error: unknown) => void reportError(error)));
  }
}

export const models = new ModelStore();
