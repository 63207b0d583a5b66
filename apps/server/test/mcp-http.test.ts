/**
 * The MCP server over Streamable HTTP at `/mcp`, driven by the SDK's real `Client` against a
 * studio behind a token on the ElevenLabs stand-in: the tools an agent sees, the whole job in
 * one call with progress, review and export with links that download, resources, the prompt,
 * and the token rule.
 */
import { readFileSync, rmSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Progress, ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { startElevenLabsStandIn, type ElevenLabsStandIn } from '@studio/audio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/env.js';
import { freePort, spawnStudio, waitUntilListening } from './support/child.js';
import { numberedScript, script } from './support/scripts.js';
import { createTestStudio, tempDir, type TestStudio } from './support/studio.js';

const token = 'studio-token-0123456789-abcdef';
const shrinkflation = readFileSync(`${repoRoot}/examples/shrinkflation.els`, 'utf8');

let standIn: ElevenLabsStandIn;
let test: TestStudio;
let url: string;
let client: Client;

async function connect(headers: Record<string, string>): Promise<Client> {
  const connected = new Client({ name: 'mcp-http-test', version: '1.0.0' });
  await connected.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers } }),
  );
  return connected;
}

async function call(name: string, args: Record<string, unknown> = {}) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

function structured<T>(result: CallToolResult): T {
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as T;
}

/** An error result: the code, fix and details as JSON in its second text block. */
function failure(result: CallToolResult): { code: string; fix: string } & Record<string, unknown> {
  expect(result.isError).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const json = result.content[1] as { type: string; text: string };
  return (JSON.parse(json.text) as { error: { code: string; fix: string } }).error;
}

const links = (result: CallToolResult) =>
  result.content.filter((item): item is ResourceLink => item.type === 'resource_link');

interface TakeOut {
  take_id: string;
  number: number;
  duration_ms: number;
  selected: boolean;
  audio_url: string;
  audio_resource: string;
  qc: { status: string; flags: { code: string }[]; transcript?: string };
  settings_used: { stability: number }[];
}
interface BeatOut {
  beat_id: string;
  status: string;
  takes: TakeOut[];
  selected_take_id: string | null;
  selected_duration_ms: number | null;
}
interface SessionOut {
  session_id: string;
  status: string;
  beats: BeatOut[];
  total_duration_ms: number;
  summary: string;
}

beforeAll(async () => {
  standIn = await startElevenLabsStandIn();
  test = await createTestStudio({ standIn, env: { STUDIO_TOKEN: token } });
  url = await test.studio.start();
  client = await connect({ Authorization: `Bearer ${token}` });
}, 300_000);

afterAll(async () => {
  await client?.close();
  await test.close();
  await standIn.close();
});

// Generous: the studio and the voicing share two busy cores with everything else.
describe('MCP over HTTP', { timeout: 180_000 }, () => {
  it('refuses every request without the token', async () => {
    const response = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    await expect(connect({ Authorization: 'Bearer wrong-token-0123456789' })).rejects.toThrow();
  });

  it('lists every tool with its input and output schemas', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'validate_els_script',
        'parse_els_script',
        'create_production_session',
        'get_production_session',
        'get_voice_profile',
        'list_voice_profiles',
        'generate_beat_audio',
        'regenerate_beat_audio',
        'select_take',
        'export_selected_takes',
        'update_session_status',
        'complete_audio_workflow',
        'estimate_generation',
        'reimport_script',
        'list_sessions',
        'rerun_take_qc',
      ]),
    );
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type, tool.name).toBe('object');
    }
    const workflow = tools.find((tool) => tool.name === 'complete_audio_workflow')!;
    expect(workflow.inputSchema.required).toEqual(['els_content']);
    expect(Object.keys(workflow.outputSchema!.properties!)).toEqual(
      expect.arrayContaining(['session_id', 'beats', 'total_duration_ms', 'summary']),
    );
  });

  it('answers an invalid script with isError and each diagnostic’s line and column', async () => {
    const before = (await test.studio.services.db.query.sessions.findMany()).length;
    const source =
      '[META]\nvideo_title: Bad\n\n[BEAT: x y]\nname: A\n---\n[PACE: warp]\nHello.\n[END_BEAT]\n';
    const result = await call('complete_audio_workflow', { els_content: source });
    const error = failure(result) as unknown as {
      code: string;
      diagnostics: { code: string; line: number; column: number }[];
    };
    expect(error.code).toBe('INVALID_SCRIPT');
    expect(error.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'beat/invalid-id', line: 4 }),
        expect.objectContaining({ code: 'pace/unknown', line: 7, column: expect.any(Number) }),
      ]),
    );
    expect((result.content[0] as { text: string }).text).toContain('line 7');
    // Nothing was created.
    expect((await test.studio.services.db.query.sessions.findMany()).length).toBe(before);

    const validated = structured<{ is_valid: boolean; errors: { line: number }[] }>(
      await call('validate_els_script', { els_content: source }),
    );
    expect(validated.is_valid).toBe(false);
    expect(validated.errors.map((d) => d.line)).toEqual(expect.arrayContaining([4, 7]));
  });

  it('voices a whole script in one call, reporting progress in order', async () => {
    const progress: Progress[] = [];
    const result = (await client.callTool(
      { name: 'complete_audio_workflow', arguments: { els_content: shrinkflation } },
      undefined,
      { onprogress: (update) => progress.push(update), timeout: 120_000 },
    )) as CallToolResult;
    const session = structured<SessionOut>(result);
    const beatCount = session.beats.length;
    expect(beatCount).toBeGreaterThan(3);
    expect(session.beats.every((beat) => beat.status === 'ready')).toBe(true);
    for (const beat of session.beats) {
      expect(beat.takes).toHaveLength(1);
      expect(beat.selected_take_id).toBe(beat.takes[0]!.take_id);
      expect(beat.selected_duration_ms).toBeGreaterThan(0);
    }
    const total = session.beats.reduce((sum, beat) => sum + beat.selected_duration_ms!, 0);
    expect(session.total_duration_ms).toBe(total);
    expect(session.status).toBe('in_progress');

    // Progress: strictly increasing, out of the beat count, ending with every beat done.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    const values = progress.map((update) => update.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    expect(progress.every((update) => update.total === beatCount)).toBe(true);
    expect(values.at(-1)).toBe(beatCount);
    expect(progress.at(-1)!.message).toContain(`${beatCount}/${beatCount}`);

    // Every take as a link on the studio's origin.
    expect(links(result).map((link) => link.uri)).toEqual(
      session.beats.map((beat) => beat.takes[0]!.audio_url),
    );
    expect(session.beats[0]!.takes[0]!.audio_url.startsWith(`${url}/audio/`)).toBe(true);
  });

  it('regenerates, selects and exports by what a person types; the links download', async () => {
    const created = structured<SessionOut>(
      await call('create_production_session', { els_content: numberedScript(2, 'Review me') }),
    );
    const prefix = created.session_id.slice(0, 8);
    const estimate = structured<{ characters: number; credits: number }>(
      await call('estimate_generation', { session_id: prefix }),
    );
    expect(estimate.characters).toBeGreaterThan(0);
    expect(estimate.credits).toBe(estimate.characters);

    const voiced = structured<{ beats: BeatOut[] }>(
      await call('generate_beat_audio', { session_id: prefix }),
    );
    expect(voiced.beats.map((beat) => beat.status)).toEqual(['ready', 'ready']);

    const revised = await call('regenerate_beat_audio', {
      session_id: prefix,
      beat_id: 1,
      pace: 'slow',
      stability: 0.2,
    });
    const { take } = structured<{ take: TakeOut }>(revised);
    expect(take.number).toBe(2);
    expect(take.selected).toBe(false);
    expect(take.settings_used[0]!.stability).toBe(0.2);
    expect(links(revised).map((link) => link.uri)).toEqual([take.audio_url]);
    // Take QC comes with every take: measured and listened to (the stand-in transcribes).
    expect(take.qc).toMatchObject({ status: 'pass', flags: [] });
    const rechecked = structured<{ take: TakeOut }>(
      await call('rerun_take_qc', { session_id: prefix, beat_id: 1, take_id: 2 }),
    ).take;
    expect(rechecked).toMatchObject({ take_id: take.take_id, number: 2, qc: { status: 'pass' } });
    expect(rechecked.qc.transcript).toBeDefined();

    const selected = structured<{ selected_take_id: string }>(
      await call('select_take', { session_id: prefix, beat_id: 'b01', take_id: '2' }),
    );
    expect(selected.selected_take_id).toBe(take.take_id);

    const exported = await call('export_selected_takes', { session_id: prefix });
    const files = structured<{ exported_files: { name: string; url: string }[] }>(
      exported,
    ).exported_files;
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining(['b01.mp3', 'b02.mp3', 'master.mp3', 'manifest.json']),
    );
    expect(links(exported).map((link) => link.uri)).toEqual(files.map((file) => file.url));

    const auth = { headers: { Authorization: `Bearer ${token}` } };
    const manifestUrl = files.find((file) => file.name === 'manifest.json')!.url;
    const manifest = (await (await fetch(manifestUrl, auth)).json()) as {
      beats: { takeId: string }[];
    };
    expect(manifest.beats[0]!.takeId).toBe(take.take_id);
    const audio = await fetch(take.audio_url, auth);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await audio.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    // Without the token the links refuse, like every other route.
    expect((await fetch(take.audio_url)).status).toBe(401);

    // The same audio as an MCP resource, with its MIME type.
    const read = await client.readResource({ uri: take.audio_resource });
    const content = read.contents[0] as { mimeType: string; blob: string };
    expect(content.mimeType).toBe('audio/mpeg');
    expect(Buffer.from(content.blob, 'base64').equals(bytes)).toBe(true);

    const sessionResource = await client.readResource({
      uri: `studio://sessions/${created.session_id}`,
    });
    const fromResource = JSON.parse((sessionResource.contents[0] as { text: string }).text) as {
      status: string;
      beats: BeatOut[];
    };
    expect(fromResource.status).toBe('exported');
    expect(fromResource.beats[0]!.selected_take_id).toBe(take.take_id);
  });

  it('creates a session with the dialogue mode it is given, one performance by default', async () => {
    const apart = structured<SessionOut & { dialogue_mode: string }>(
      await call('create_production_session', {
        els_content: numberedScript(1),
        dialogue_mode: 'per_segment',
      }),
    );
    expect(apart.dialogue_mode).toBe('per_segment');
    const together = structured<SessionOut & { dialogue_mode: string }>(
      await call('create_production_session', { els_content: numberedScript(1) }),
    );
    expect(together.dialogue_mode).toBe('one_performance');
    const refused = await call('create_production_session', {
      els_content: numberedScript(1),
      dialogue_mode: 'duet',
    });
    expect(refused.isError).toBe(true);
    expect((refused.content[0] as { text: string }).text).toContain('dialogue_mode');
  });

  it('names what it cannot resolve, with a code and a fix', async () => {
    const created = structured<SessionOut>(
      await call('create_production_session', { els_content: numberedScript(1) }),
    );
    const unknownBeat = failure(
      await call('select_take', { session_id: created.session_id, beat_id: '09_nope', take_id: 1 }),
    );
    expect(unknownBeat.code).toBe('BEAT_NOT_FOUND');
    expect(unknownBeat.message).toContain('b01');
    expect(failure(await call('get_production_session', { session_id: 'ffffffff' })).code).toBe(
      'SESSION_NOT_FOUND',
    );
    // Out-of-range input is refused by the SDK against the input schema, naming the field.
    const badValue = await call('regenerate_beat_audio', {
      session_id: created.session_id,
      beat_id: 'b01',
      stability: 7,
    });
    expect(badValue.isError).toBe(true);
    expect((badValue.content[0] as { text: string }).text).toContain('stability');
    expect(failure(await call('get_voice_profile', { character: 'nobody' })).code).toBe(
      'VOICE_NOT_FOUND',
    );
    const profile = structured<{ character: string }>(
      await call('get_voice_profile', { character: 'Every Coon' }),
    );
    expect(profile.character).toBe('every-coon');
  });

  it('previews and applies a re-import, confirming removals', async () => {
    const created = structured<SessionOut>(
      await call('create_production_session', { els_content: numberedScript(2) }),
    );
    const edited = script([{ id: 'b01', body: 'Line number 01 of the script.' }]);
    const preview = structured<{ removed: { beat_id: string }[]; applied: boolean }>(
      await call('reimport_script', { session_id: created.session_id, els_content: edited }),
    );
    expect(preview).toMatchObject({ applied: false, removed: [{ beat_id: 'b02' }] });
    expect(
      failure(
        await call('reimport_script', {
          session_id: created.session_id,
          els_content: edited,
          apply: true,
        }),
      ).code,
    ).toBe('REMOVALS_NOT_CONFIRMED');
    const applied = structured<{ applied: boolean }>(
      await call('reimport_script', {
        session_id: created.session_id,
        els_content: edited,
        apply: true,
        remove_beats: ['b02'],
      }),
    );
    expect(applied.applied).toBe(true);
    const after = structured<SessionOut>(
      await call('get_production_session', { session_id: created.session_id }),
    );
    expect(after.beats.map((beat) => beat.beat_id)).toEqual(['b01']);
  });

  it('serves the ELS reference and the review prompt', async () => {
    const reference = await client.readResource({ uri: 'studio://els/reference' });
    const text = (reference.contents[0] as { text: string }).text;
    expect(text).toContain('[BEAT:');
    expect(text).toContain('[PAUSE:');

    const prompt = await client.getPrompt({
      name: 'direct_session',
      arguments: { session_id: 'abc123' },
    });
    const message = (prompt.messages[0]!.content as { text: string }).text;
    expect(message).toContain('abc123');
    expect(message).toContain('regenerate_beat_audio');
    expect(message).toContain('select_take');
  });

  it('stops waiting when the caller cancels, and the work completes untouched', async () => {
    standIn.setLatency(300);
    const controller = new AbortController();
    const created = structured<SessionOut>(
      await call('create_production_session', { els_content: numberedScript(3, 'Cancel me') }),
    );
    const pending = client.callTool(
      { name: 'generate_beat_audio', arguments: { session_id: created.session_id } },
      undefined,
      { signal: controller.signal, onprogress: () => controller.abort('enough') },
    );
    await expect(pending).rejects.toThrow();
    standIn.setLatency(0);
    await test.studio.worker.idle();
    const after = structured<SessionOut>(
      await call('get_production_session', { session_id: created.session_id }),
    );
    expect(after.beats.map((beat) => beat.status)).toEqual(['ready', 'ready', 'ready']);
    expect(after.beats.every((beat) => beat.takes.length === 1)).toBe(true);
  });
});

describe('MCP in the bundle `pnpm start` runs', { timeout: 300_000 }, () => {
  it('serves the tools and the ELS reference from dist/main.mjs', async () => {
    const port = await freePort();
    const dataDir = tempDir();
    const child = spawnStudio({
      PORT: String(port),
      DATA_DIR: dataDir,
      TTS_PROVIDER: 'local',
      STUDIO_TOKEN: token,
    });
    try {
      await waitUntilListening(child, 240_000);
      const bundled = new Client({ name: 'bundle-test', version: '1.0.0' });
      await bundled.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      expect((await bundled.listTools()).tools.length).toBeGreaterThan(10);
      const reference = await bundled.readResource({ uri: 'studio://els/reference' });
      expect((reference.contents[0] as { text: string }).text).toContain('[BEAT:');
      await bundled.close();
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
