/** `set_session_budget`: the credits a session may spend before generation stops. */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { defineTool, type ToolContext } from '../tool-context.js';
import { successResult } from '../tool-result.js';

export function registerBudgetTools(server: McpServer, context: ToolContext): void {
  defineTool(
    server,
    context,
    'set_session_budget',
    {
      title: 'Set a session’s credit budget',
      description:
        'Caps the ElevenLabs credits a session may spend: generation stops before the request that would pass it (the session’s error is budget_exceeded, with credits_needed). null lifts the cap. Raising it does not resume by itself: call generate_beat_audio. Free.',
      input: {
        session: z.string().min(1).describe('Session id or a unique prefix of it.'),
        credits: z.number().int().min(0).nullable(),
      },
      output: {
        budget_credits: z.number().int().nullable(),
        characters_spent: z.number().int(),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ session, credits }, _extra, { caller }) => {
      const { sessionId } = await caller.sessions.resolve({ session });
      const row = await caller.sessions.setBudget({ sessionId, credits });
      return successResult(
        { budget_credits: row.budgetCredits, characters_spent: row.charactersSpent },
        credits === null
          ? 'No budget.'
          : `Budget ${credits} credits; ${row.charactersSpent} spent.`,
      );
    },
  );
}
