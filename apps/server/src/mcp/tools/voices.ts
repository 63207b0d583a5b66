/** `get_voice_profile` and `list_voice_profiles`: how each character sounds. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { VoiceProfile } from '@studio/db';
import { canonicalCharacterName } from '@studio/els';
import { z } from 'zod';
import { defineTool, type ToolContext } from '../tool-context.js';
import { fixFor, successResult, ToolFailure } from '../tool-result.js';

const profileShape = z.object({
  character: z.string(),
  display_name: z.string(),
  description: z.string(),
  voice_id: z.string(),
  model_id: z.string(),
  stability: z.number(),
  similarity_boost: z.number(),
  style: z.number(),
  speed: z.number(),
});

function profileOut(profile: VoiceProfile): z.infer<typeof profileShape> {
  return {
    character: profile.character,
    display_name: profile.displayName,
    description: profile.description,
    voice_id: profile.voiceId,
    model_id: profile.modelId,
    stability: profile.stability,
    similarity_boost: profile.similarityBoost,
    style: profile.style,
    speed: profile.speed,
  };
}

export function registerVoiceTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'list_voice_profiles',
    {
      title: 'List voice profiles',
      description:
        'Every character a script may use, with its ElevenLabs voice, model and default settings (stability, similarity_boost, style, speed). A script naming any other character is invalid. Free.',
      input: {},
      output: { profiles: z.array(profileShape) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (_args, _extra, { caller }) => {
      const profiles = (await caller.voices.list()).map(profileOut);
      return successResult(
        { profiles },
        `Characters: ${profiles.map((p) => p.character).join(', ')}.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'get_voice_profile',
    {
      title: 'Get a voice profile',
      description:
        'One character’s voice: ElevenLabs voice and model, default stability, similarity_boost, style and speed — the values a beat starts from before its pace and any regenerate overrides. Accepts the character as written in scripts (every-coon, "Every Coon"). Free.',
      input: { character: z.string().min(1).describe('The character’s name, e.g. every-coon.') },
      output: profileShape.shape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ character }, _extra, { caller }) => {
      const profiles = await caller.voices.list();
      const known = profiles.map((p) => p.character);
      const wanted = canonicalCharacterName(character, known);
      const profile = profiles.find((p) => p.character === wanted);
      if (!profile) {
        throw new ToolFailure(
          'VOICE_NOT_FOUND',
          `No voice profile for "${character}". Known: ${known.join(', ')}.`,
          fixFor('VOICE_NOT_FOUND'),
        );
      }
      const out = profileOut(profile);
      return successResult(out, `${out.display_name} (${out.character}).`);
    },
  );
}
