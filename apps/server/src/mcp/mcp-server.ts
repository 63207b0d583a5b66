/**
 * The studio as an MCP server: the tools an agent voices, reviews and exports a script with,
 * the resources it reads, and the review prompt. Built per request (stateless Streamable HTTP):
 * every tool goes through the typed procedures with that request's context.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Context } from '../context.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import type { Links } from './shapes.js';
import { createToolContext } from './tool-context.js';
import { registerBudgetTools } from './tools/budget.js';
import { registerDecisionTools } from './tools/decisions.js';
import { registerGenerationTools } from './tools/generation.js';
import { registerLexiconTools } from './tools/lexicon.js';
import { registerReviewTools } from './tools/review.js';
import { registerScriptTools } from './tools/scripts.js';
import { registerSessionTools } from './tools/sessions.js';
import { registerVoiceTools } from './tools/voices.js';

const instructions = `Voice Studio turns voice-over scripts written in ELS into audio, one take per beat, voiced by ElevenLabs (or a free local voice).
Typical run: validate_els_script → complete_audio_workflow (or create_production_session → estimate_generation → generate_beat_audio) → review with get_production_session → regenerate_beat_audio / select_take, approve_take / reject_take / add_note → export_selected_takes.
Sessions, beats and takes accept what a person types: a session id or unique prefix, a beat's script id (01_hook) or number, a take's number within its beat or id.
Voicing costs ElevenLabs credits (about one per character); everything else is free. The ELS language is described in the resource studio://els/reference.`;

export function createMcpServer(context: Context, links: Links): McpServer {
  const server = new McpServer(
    { name: 'voice-studio', title: 'Voice Studio', version: '0.1.0' },
    { instructions },
  );
  const tools = createToolContext(context, links);
  registerScriptTools(server, tools);
  registerSessionTools(server, tools);
  registerVoiceTools(server, tools);
  registerLexiconTools(server, tools);
  registerBudgetTools(server, tools);
  registerGenerationTools(server, tools);
  registerReviewTools(server, tools);
  registerDecisionTools(server, tools);
  registerResources(server, tools);
  registerPrompts(server);
  return server;
}
