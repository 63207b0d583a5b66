/** `validate_els_script` and `parse_els_script`: the ELS language, free of charge. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { defineTool, type ToolContext } from '../tool-context.js';
import { diagnosticOut, diagnosticShape, invalidScript, successResult } from '../tool-result.js';

export const elsContent = z
  .string()
  .describe('The whole ELS script: a [META] block, then [BEAT: id] … [END_BEAT] blocks.');

const lineShape = z.object({
  text: z.string(),
  character: z.string(),
  direction: z.string().nullable(),
  pace: z.string(),
  speed: z.number(),
  pause_after_ms: z.number(),
});

const parsedBeatShape = z.object({
  beat_id: z.string(),
  number: z.number().int(),
  beat_name: z.string(),
  character: z.string(),
  direction: z.string().nullable(),
  pace: z.string(),
  pause_after_ms: z.number(),
  combined_script: z.string(),
  lines: z.array(lineShape),
});

export function registerScriptTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'validate_els_script',
    {
      title: 'Validate an ELS script',
      description:
        'Checks an ELS voice-over script against the language and the studio’s voice profiles, without creating anything. Returns is_valid, the beat count, lines per character, and every error and warning with its line and column. Use it before create_production_session or complete_audio_workflow, and after every edit. Free: no credits.',
      input: { els_content: elsContent },
      output: {
        is_valid: z.boolean(),
        beat_count: z.number().int(),
        character_count: z.record(z.string(), z.number()),
        errors: z.array(diagnosticShape),
        warnings: z.array(diagnosticShape),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ els_content }, _extra, { caller }) => {
      const result = await caller.els.validate({ source: els_content });
      const diagnostics = result.diagnostics.map(diagnosticOut);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const structured = {
        is_valid: result.ok,
        beat_count: result.beatCount,
        character_count: result.characterLines,
        errors,
        warnings: diagnostics.filter((d) => d.severity === 'warning'),
      };
      return successResult(
        structured,
        result.ok
          ? `Valid: ${result.beatCount} beats.`
          : `Invalid: ${errors.length} error(s), first at line ${errors[0]?.line}, column ${errors[0]?.column}.`,
      );
    },
  );

  defineTool(
    server,
    context,
    'parse_els_script',
    {
      title: 'Parse an ELS script',
      description:
        'Parses an ELS script into its beats: per beat the id (01_hook), name, character, direction, pace, trailing pause and the spoken lines with their pauses and speeds — what the studio will voice. An invalid script is an error listing each diagnostic with line and column. Nothing is created. Free: no credits.',
      input: { els_content: elsContent },
      output: {
        video_title: z.string().nullable(),
        project: z.string().nullable(),
        default_character: z.string().nullable(),
        default_pace: z.string(),
        beats: z.array(parsedBeatShape),
        warnings: z.array(diagnosticShape),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ els_content }, _extra, { caller }) => {
      const result = await caller.els.parse({ source: els_content });
      if (!result.ok) throw invalidScript(result.diagnostics);
      const { script } = result;
      const structured = {
        video_title: script.videoTitle,
        project: script.project,
        default_character: script.defaultCharacter,
        default_pace: script.defaultPace,
        beats: script.beats.map((beat) => ({
          beat_id: beat.id,
          number: beat.number,
          beat_name: beat.name,
          character: beat.primaryCharacter,
          direction: beat.primaryDirection,
          pace: beat.primaryPace,
          pause_after_ms: beat.pauseAfterMs,
          combined_script: beat.text,
          lines: beat.lines.map((line) => ({
            text: line.text,
            character: line.character,
            direction: line.direction,
            pace: line.pace,
            speed: line.speed,
            pause_after_ms: line.pauseAfterMs,
          })),
        })),
        warnings: result.diagnostics.map(diagnosticOut),
      };
      return successResult(
        structured,
        `"${script.videoTitle ?? 'Untitled'}": ${script.beats.length} beats.`,
      );
    },
  );
}
