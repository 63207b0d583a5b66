/**
 * The account's text-to-speech models with their live price (`voices.models`), loaded once for
 * the Voices page's pickers. Without an ElevenLabs key there are none: the pickers fall back to
 * the capability table's models.
 */
import { ELEVENLABS_MODELS } from '@studio/audio/facts';
import { reportError } from './notifications.svelte.js';
import { trpc } from './trpc.js';

export interface ModelChoice {
  modelId: string;
  label: string;
}

class ModelStore {
  choices = $state<ModelChoice[]>(
    ELEVENLABS_MODELS.map((modelId) => ({ modelId, label: modelId })),
  );
  live = $state(false);
  #loaded: Promise<void> | null = null;

  load(): Promise<void> {
    return (this.#loaded ??= trpc.voices.models
      .query()
      .then(({ available, models }) => {
        if (!available || models.length === 0) return;
        this.live = true;
        this.choices = models.map((model) => ({
          modelId: model.modelId,
          label: `${model.name} · ${model.creditsPerCharacter} credit/char`,
        }));
      })
      .catch((error: unknown) => void reportError(error)));
  }
}

export const models = new ModelStore();
