/** Voice profiles as the renderer takes them, with the configured model override applied. */
import { listVoiceProfiles } from '@studio/db';
import type { VoiceProfile } from '@studio/audio';
import type { Services } from '../context.js';

export async function renderProfiles(
  services: Pick<Services, 'db' | 'modelOverride'>,
): Promise<Record<string, VoiceProfile>> {
  const rows = await listVoiceProfiles(services.db);
  return Object.fromEntries(
    rows.map((row) => [
      row.character,
      { ...row, modelId: services.modelOverride ?? row.modelId } satisfies VoiceProfile,
    ]),
  );
}
