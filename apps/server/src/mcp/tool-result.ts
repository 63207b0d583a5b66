/**
 * What a tool hands back: structured content with a short text for the model, links to the
 * audio, and — when it fails — `isError` with a stable code, what went wrong and the fix.
 */
import type { CallToolResult, ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { TRPCError } from '@trpc/server';
import type { Diagnostic } from '@studio/els';
import { z } from 'zod';
import { domainCodeOf, StudioError } from '../errors.js';

/** Codes of the MCP layer itself, beside the domain codes the procedures throw. */
export type McpToolErrorCode =
  | 'AMBIGUOUS_SESSION'
  | 'BEAT_NOT_FOUND'
  | 'TAKE_NOT_FOUND'
  | 'SESSION_NOT_FOUND'
  | 'VOICE_NOT_FOUND'
  | 'GENERATION_FAILED'
  | 'GENERATION_INCOMPLETE'
  | 'CREDIT_LIMIT'
  | 'INVALID_INPUT'
  | 'INTERNAL';

export class ToolFailure extends Error {
  override readonly name = 'ToolFailure';
  constructor(
    readonly code: McpToolErrorCode | string,
    message: string,
    readonly fix: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What to do about each code, written for the model reading the result. */
const fixes: Record<string, string> = {
  INVALID_SCRIPT:
    'Correct the script at each diagnostic’s line and column (read the resource studio://els/reference for the language), then call again. Nothing was created.',
  PAYLOAD_TOO_LARGE: 'Split the script: it is larger than the 2 MB the studio accepts.',
  REMOVALS_NOT_CONFIRMED:
    'Preview the re-import (apply: false), then apply it again with remove_beats listing exactly the beats the preview reports as removed.',
  SESSION_NOT_FOUND: 'Call list_sessions to see the sessions and their ids.',
  AMBIGUOUS_SESSION: 'Give more characters of the session id (list_sessions shows them).',
  BEAT_NOT_FOUND:
    'Use a beat id from the script (01_hook), its number, or call get_production_session.',
  TAKE_NOT_FOUND:
    'Use the take’s number within its beat (1 = oldest) or its id, as get_production_session lists them.',
  NOTE_NOT_FOUND: 'The note was deleted: get_production_session lists each take’s notes.',
  TAKE_NOT_IN_BEAT: 'Pick a take of this very beat (get_production_session lists them).',
  VOICE_NOT_FOUND: 'Call list_voice_profiles: scripts may use only those characters.',
  EXPORT_NOT_FOUND: 'Call export_selected_takes to make a new export.',
  INVALID_SETTINGS: 'Keep stability, style and similarity_boost within 0–1.',
  INVALID_INPUT: 'Correct the named fields and call again.',
  MISSING_TAKES:
    'Every beat needs a selected take: voice the missing beats (generate_beat_audio), or export with partial: true.',
  NO_TAKES: 'Voice the session first (generate_beat_audio or complete_audio_workflow).',
  missing_profile: 'Only characters with a voice profile can be voiced (list_voice_profiles).',
  GENERATION_FAILED:
    'Read the beat’s error; try again with generate_beat_audio, or regenerate_beat_audio with other settings.',
  GENERATION_INCOMPLETE:
    'Some beats were not voiced; get_production_session shows why. Voice them with generate_beat_audio, then export.',
  CREDIT_LIMIT:
    'The session was created but not voiced. Raise max_credits, or voice it beat by beat with generate_beat_audio.',
  rate_limited: 'The provider is busy: wait a minute and call again.',
  timeout: 'The provider did not answer in time: call again.',
  auth: 'The studio’s ElevenLabs key was refused: the studio’s operator must fix ELEVENLABS_API_KEY.',
  quota_exceeded: 'The ElevenLabs account is out of credits: the operator must top it up.',
  server: 'The speech provider failed: call again later.',
  network: 'The studio cannot reach the speech provider: call again later.',
  voice_not_found:
    'The voice profile names an ElevenLabs voice that does not exist: fix the profile.',
  LEXICON_ENTRY_NOT_FOUND: 'Call list_lexicon to see the project’s words.',
  budget_exceeded:
    'The session reached its credit budget: raise it (set_session_budget), then voice the rest (generate_beat_audio).',
  INTERNAL: 'An unexpected error; the studio’s log has the details. Calling again may work.',
};

export function fixFor(code: string): string {
  return fixes[code] ?? 'Read the message; correct the input or call again.';
}

/** A diagnostic as tools show it: where, what, and how bad. */
export const diagnosticShape = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  end_line: z.number().int(),
  end_column: z.number().int(),
  beat_id: z.string().nullable(),
});
export type DiagnosticOut = z.infer<typeof diagnosticShape>;

export function diagnosticOut(d: Diagnostic): DiagnosticOut {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    line: d.line,
    column: d.column,
    end_line: d.endLine,
    end_column: d.endColumn,
    beat_id: d.beatKey ?? null,
  };
}

export function invalidScript(diagnostics: readonly Diagnostic[]): ToolFailure {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return new ToolFailure(
    'INVALID_SCRIPT',
    `The script has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors
      .map((d) => `  line ${d.line}, column ${d.column}: ${d.code} ${d.message}`)
      .join('\n')}`,
    fixFor('INVALID_SCRIPT'),
    { diagnostics: diagnostics.map(diagnosticOut) },
  );
}

/** A thrown error as a failure with a code: domain errors keep theirs, the rest is INTERNAL. */
export function toFailure(error: unknown): ToolFailure {
  if (error instanceof ToolFailure) return error;
  const cause = error instanceof TRPCError ? error.cause : error;
  if (cause instanceof StudioError && cause.code === 'INVALID_SCRIPT') {
    return invalidScript(cause.diagnostics ?? []);
  }
  if (cause instanceof z.ZodError) {
    const fields = cause.issues.map((issue) => ({
      field: issue.path.join('.'),
      problem: issue.message,
    }));
    return new ToolFailure(
      'INVALID_INPUT',
      fields.map((f) => `${f.field || 'input'}: ${f.problem}`).join('\n'),
      fixFor('INVALID_INPUT'),
      { fields },
    );
  }
  const code = domainCodeOf(cause);
  if (code !== undefined) return new ToolFailure(code, (cause as Error).message, fixFor(code));
  return new ToolFailure('INTERNAL', 'The studio failed unexpectedly.', fixFor('INTERNAL'));
}

/**
 * No `structuredContent` on an error: clients check it against the tool's output schema even
 * then. The code, the fix and the details travel as JSON in the second text block instead.
 */
export function failureResult(failure: ToolFailure): CallToolResult {
  const error = {
    code: failure.code,
    message: failure.message,
    fix: failure.fix,
    ...failure.details,
  };
  return {
    content: [
      { type: 'text', text: `${failure.code}: ${failure.message}\nFix: ${failure.fix}` },
      { type: 'text', text: JSON.stringify({ error }, null, 2) },
    ],
    isError: true,
  };
}

export function successResult(
  structured: Record<string, unknown>,
  summary: string,
  links: ResourceLink[] = [],
): CallToolResult {
  return {
    content: [
      { type: 'text', text: `${summary}\n\n${JSON.stringify(structured, null, 2)}` },
      ...links,
    ],
    structuredContent: structured,
  };
}
