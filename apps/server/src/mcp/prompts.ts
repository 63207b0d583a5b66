/** `direct_session`: how to review a voiced session the way a director would. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { ELS_REFERENCE_URI } from './resources.js';

export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'direct_session',
    {
      title: 'Direct a session',
      description:
        'Walks through reviewing a voiced session: listen, compare takes, regenerate with a reason, select, export.',
      argsSchema: {
        session_id: z.string().describe('The session id or a unique prefix of it.'),
        goal: z
          .string()
          .optional()
          .describe('What the voice-over must achieve, e.g. "deadpan comedy, under 60 seconds".'),
      },
    },
    ({ session_id, goal }) => ({
      description: `Review session ${session_id}`,
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: [
              `You are directing the voice-over of studio session ${session_id}.${goal ? ` The goal: ${goal}.` : ''}`,
              '',
              'Work beat by beat, in script order:',
              `1. Read the session: get_production_session with session_id "${session_id}". Note each beat's text, direction, pace, status and takes. A failed beat shows its error code: voice it again with generate_beat_audio.`,
              "2. Listen: read each take's audio (the resource studio://takes/{take_id}/audio, or its audio_url). Judge it against the beat's direction and the goal: timing, emphasis, energy, clarity, and the pauses the script asks for.",
              '3. Compare: when a beat has several takes, compare them on the same points and say which is best and why.',
              '4. Regenerate with a reason: when no take is right, state in one sentence what is wrong (e.g. "too rushed, the punchline lands flat"), then call regenerate_beat_audio with the change that addresses it — a direction, a pace (slow, deliberate, normal, quick, fast, chaos), lower stability for more expression, higher style for more exaggeration. Change one or two things at a time. Each regeneration costs credits for the beat\'s text: stop after three tries and report.',
              '5. Select: call select_take with the take you chose for each beat, and say why in one line.',
              '6. When every beat has a take you stand behind, report the total duration and call export_selected_takes if asked to deliver.',
              '',
              `To change the script itself, edit it and use reimport_script (preview first). The language is described in the resource ${ELS_REFERENCE_URI}.`,
            ].join('\n'),
          },
        },
      ],
    }),
  );
}
