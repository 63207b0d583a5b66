/**
 * The review tools (`approve_take`, `reject_take`, `add_note`) through the MCP SDK's real client
 * over Streamable HTTP, against a studio voiced by the ElevenLabs stand-in.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { script } from './support/scripts.js';
import { createTestStudio, type TestStudio } from './support/studio.js';

let standIn: ElevenLabsStandIn;
let test: TestStudio;
let client: Client;

async function call(name: string, args: Record<string, unknown> = {}) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function structured<T>(result: CallToolResult): T {
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as T;
}

function failureCode(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  const json = result.content[1] as { type: string; text: string };
  return (JSON.parse(json.text) as { error: { code: string } }).error.code;
}

interface Decided {
  beat_id: string;
  take_number: number;
  decision: string;
  reason: string | null;
  beat_review: string;
  session_status: string;
}

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  test = await createTestStudio({ standIn });
  const url = await test.studio.start();
  client = new Client({ name: 'mcp-reviews-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url)));
}, 300_000);

afterAll(async () => {
  await client?.close();
  await test.close();
  await standIn.close();
});

describe('MCP review tools', { timeout: 180_000 }, () => {
  it('rejects with a reason and a timed note, notes, then approves the selected take', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['approve_take', 'reject_take', 'add_note']),
    );
    const source = script([
      { id: '01_hook', body: 'Prices went up, bags got smaller.' },
      { id: '02_end', body: 'Read the label twice.' },
    ]);
    const session = structured<{ session_id: string }>(
      await call('complete_audio_workflow', { els_content: source }),
    );
    const ref = session.session_id.slice(0, 8);

    const rejected = structured<Decided>(
      await call('reject_take', {
        session_id: ref,
        beat_id: '01_hook',
        take_id: 1,
        reason: 'wrong_emphasis',
        note: 'Stress "smaller".',
        at_seconds: 1.2,
        author: 'Director',
      }),
    );
    expect(rejected).toMatchObject({
      beat_id: '01_hook',
      take_number: 1,
      decision: 'rejected',
      reason: 'wrong_emphasis',
      beat_review: 'needs_fix',
    });

    const noted = structured<{ note: { text: string; at_seconds: number; author: string } }>(
      await call('add_note', {
        session_id: ref,
        beat_id: 2,
        take_id: 1,
        text: 'Lovely pause.',
        at_seconds: 0.5,
      }),
    );
    expect(noted.note).toMatchObject({ text: 'Lovely pause.', at_seconds: 0.5, author: 'agent' });

    // Without take_id: the beat's selected take.
    const approved = structured<Decided>(
      await call('approve_take', { session_id: ref, beat_id: '02_end' }),
    );
    expect(approved).toMatchObject({ decision: 'approved', beat_review: 'approved' });
    expect(approved.session_status).not.toBe('approved');
    const last = structured<Decided>(
      await call('approve_take', { session_id: ref, beat_id: '01_hook', take_id: '1' }),
    );
    expect(last).toMatchObject({ reason: null, session_status: 'approved' });

    const view = structured<{
      beats: { review: string; takes: { decision: string; notes: { at_seconds: number }[] }[] }[];
    }>(await call('get_production_session', { session_id: ref }));
    expect(view.beats.map((b) => [b.review, b.takes[0]!.decision])).toEqual([
      ['approved', 'approved'],
      ['approved', 'approved'],
    ]);
    expect(view.beats.map((b) => b.takes[0]!.notes.map((n) => n.at_seconds))).toEqual([
      [1.2],
      [0.5],
    ]);
  });

  it('answers a bad reason and an unknown take with codes', async () => {
    const source = script([{ id: 'solo', body: 'One line for the codes test.' }]);
    const session = structured<{ session_id: string }>(
      await call('complete_audio_workflow', { els_content: source }),
    );
    const badReason = await client.callTool({
      name: 'reject_take',
      arguments: { session_id: session.session_id, beat_id: 1, take_id: 1, reason: 'too_loud' },
    });
    expect(badReason.isError).toBe(true);
    expect(
      failureCode(
        await call('approve_take', { session_id: session.session_id, beat_id: 1, take_id: 9 }),
      ),
    ).toBe('TAKE_NOT_FOUND');
  });
});
