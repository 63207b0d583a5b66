/**
 * What clients can read without a tool call: the ELS language reference (so an agent writes
 * valid scripts), a session as JSON, a take's audio and an export's files with their MIME types.
 * Audio is read through the same records the HTTP routes use: the storage key always comes from
 * the database, never from the URI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { exportStorageKey } from '@studio/audio';
import { getExport, getTake } from '@studio/db';
import { repoRoot } from '../env.js';
import { exportContentType } from '../http/serve-export.js';
import { sessionOut, sessionResourceUri } from './shapes.js';
import type { ToolContext } from './tool-context.js';

export const ELS_REFERENCE_URI = 'studio://els/reference';

/**
 * The "The language" section of packages/els/README.md, read once. From the repository, not
 * embedded: the bundle in `dist/` sits as deep as `src/`, so `repoRoot` finds it from either.
 */
let reference: string | undefined;
export function elsReference(): string {
  if (reference === undefined) {
    const readme = readFileSync(join(repoRoot, 'packages/els/README.md'), 'utf8');
    const start = readme.indexOf('## The language');
    const end = readme.indexOf('\n## ', start + 1);
    reference = readme.slice(start, end === -1 ? undefined : end).trim();
  }
  return reference;
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The code the MCP specification gives an unknown resource. */
const RESOURCE_NOT_FOUND = -32002;
const notFound = (uri: URL) =>
  new McpError(RESOURCE_NOT_FOUND, 'Resource not found', { uri: uri.href });

async function blob(
  context: ToolContext,
  uri: URL,
  key: string,
  mimeType: string,
): Promise<ReadResourceResult> {
  const bytes = await context.services.storage.get(key);
  return { contents: [{ uri: uri.href, mimeType, blob: bytes.toString('base64') }] };
}

export function registerResources(server: McpServer, context: ToolContext): void {
  server.registerResource(
    'els-reference',
    ELS_REFERENCE_URI,
    {
      title: 'ELS language reference',
      description:
        'How to write a voice-over script the studio can voice: META, beats, characters, directions, paces, pauses, emphasis, and every diagnostic code.',
      mimeType: 'text/markdown',
    },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/markdown', text: elsReference() }] }),
  );

  server.registerResource(
    'session',
    new ResourceTemplate('studio://sessions/{session_id}', {
      list: async () => ({
        resources: (await context.caller.sessions.list()).map((session) => ({
          uri: sessionResourceUri(session.id),
          name: session.videoTitle,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Production session',
      description: 'A session with every beat and its takes, as get_production_session returns it.',
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const session = sessionOut(
        await context.session(one(variables.session_id) ?? ''),
        context.links,
      );
      return {
        contents: [
          { uri: uri.href, mimeType: 'application/json', text: JSON.stringify(session, null, 2) },
        ],
      };
    },
  );

  server.registerResource(
    'take-audio',
    new ResourceTemplate('studio://takes/{take_id}/audio', { list: undefined }),
    { title: 'Take audio', description: 'A take’s MP3.', mimeType: 'audio/mpeg' },
    async (uri, variables) => {
      const take = await getTake(context.services.db, one(variables.take_id) ?? '').catch(
        () => undefined,
      );
      if (!take) throw notFound(uri);
      return blob(context, uri, take.storageKey, 'audio/mpeg');
    },
  );

  server.registerResource(
    'export-file',
    new ResourceTemplate('studio://exports/{export_id}/{file_name}', { list: undefined }),
    {
      title: 'Export file',
      description: 'A deliverable of an export (MP3, manifest, captions, zip).',
    },
    async (uri, variables) => {
      const row = await getExport(context.services.db, one(variables.export_id) ?? '').catch(
        () => null,
      );
      const name = decodeURIComponent(one(variables.file_name) ?? '');
      // The name is only compared with the recorded list; the key is built from the record.
      const file = row?.status === 'ready' ? row.files.find((f) => f.name === name) : undefined;
      if (!row || !file) throw notFound(uri);
      return blob(context, uri, exportStorageKey(row.id, file.name), exportContentType(file.name));
    },
  );
}
