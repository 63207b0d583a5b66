/**
 * The lexicon and budget tools through the MCP SDK's real client over Streamable HTTP: entries
 * listed, added and removed, a missing word refused with its code, a session's budget set.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberedScript } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

const token = 'studio-token-lexicon-0123456789';
let standIn: ElevenLabsStandIn;
let test: TestStudio;
let client: Client;

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  test = await createTestStudio({ standIn, env: { STUDIO_TOKEN: token } });
  const url = await test.studio.start();
  client = new Client({ name: 'mcp-lexicon-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', url), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
}, 120_000);

afterAll(async () => {
  await client?.close();
  await test.close();
  await standIn.close();
});

async function call(name: string, args: Record<string, unknown>) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function structured<T>(result: CallToolResult): T {
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as T;
}

function errorCode(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  const json = result.content[1] as { text: string };
  return (JSON.parse(json.text) as { error: { code: string } }).error.code;
}

describe('lexicon and budget MCP tools', { timeout: 120_000 }, () => {
  it('lists, adds and removes lexicon entries', async () => {
    expect(structured(await call('list_lexicon', { project: 'tests' }))).toEqual({ entries: [] });
    const added = structured(
      await call('add_lexicon_entry', { project: 'tests', word: 'GIF', alias: 'jif' }),
    );
    expect(added).toEqual({
      entry: { word: 'GIF', alias: 'jif', phoneme: null, alphabet: null, case_sensitive: false },
      stale_beats: 0,
    });
    structured(
      await call('add_lexicon_entry', {
        project: 'tests',
        word: 'Nginx',
        phoneme: 'ˈɛndʒɪnˈɛks',
        alphabet: 'ipa',
        case_sensitive: true,
      }),
    );
    const listed = structured<{ entries: { word: string }[] }>(
      await call('list_lexicon', { project: 'tests' }),
    );
    expect(listed.entries.map((e) => e.word)).toEqual(['GIF', 'Nginx']);
    // The stand-in holds the compiled dictionary with both rules.
    expect([...standIn.dictionaries.values()].map((d) => d.rules.length)).toEqual([2]);

    structured(await call('remove_lexicon_entry', { project: 'tests', word: 'GIF' }));
    expect(errorCode(await call('remove_lexicon_entry', { project: 'tests', word: 'GIF' }))).toBe(
      'LEXICON_ENTRY_NOT_FOUND',
    );
  });

  it('sets a session budget', async () => {
    const created = structured<{ session_id: string }>(
      await call('create_production_session', { els_content: numberedScript(1) }),
    );
    const set = structured(
      await call('set_session_budget', { session: created.session_id.slice(0, 8), credits: 500 }),
    );
    expect(set).toEqual({ budget_credits: 500, characters_spent: 0 });
  });
});
