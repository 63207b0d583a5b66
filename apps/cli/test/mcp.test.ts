/**
 * `studio mcp` end to end: the SDK's real `Client` launches the real binary over stdio, which
 * relays to a real studio (the server as a child process on the local voice, behind a token).
 * Also: a studio that dies mid-call gives a tool error, not a hang; and without a server the
 * command runs a private studio for as long as stdin stays open.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Progress, ResourceLink } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateStudio, type PrivateStudio } from '../src/private-studio.js';

const bin = fileURLToPath(new URL('../bin/studio.js', import.meta.url));
const twoBeats = readFileSync(new URL('./fixtures/two-beats.els', import.meta.url), 'utf8');
const baseEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  TTS_PROVIDER: 'local',
};
// The studio and the voicing share two busy cores with everything else.
const slow = { timeout: 300_000 };

function manyBeats(count: number): string {
  const beats = Array.from({ length: count }, (_, i) => {
    const id = `b${String(i + 1).padStart(2, '0')}`;
    return `[BEAT: ${id}]\nname: Beat ${i + 1}\n---\nThis is beat number ${i + 1}, spoken slowly and at length.\n[END_BEAT]`;
  });
  return `[META]\nvideo_title: Many\nproject: tests\ndefault_character: every-coon\n\n${beats.join('\n\n')}\n`;
}

async function launch(env: Record<string, string>): Promise<{
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
}> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, 'mcp'],
    env: { ...baseEnv, ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'stdio-test', version: '1.0.0' });
  // A private studio may take long to start on a busy machine: initialize waits for it.
  await client.connect(transport, { timeout: 280_000 });
  return { client, transport, stderr: () => stderr };
}

function structured<T>(result: CallToolResult): T {
  expect(result.isError ?? false).toBe(false);
  return result.structuredContent as T;
}

function failure(result: CallToolResult): { code: string; fix: string } & Record<string, unknown> {
  expect(result.isError).toBe(true);
  const json = result.content[1] as { text: string };
  return (JSON.parse(json.text) as { error: { code: string; fix: string } }).error;
}

/** The processes whose parent is `pid` (Linux). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // `pid (comm) state ppid …`; comm may hold spaces, so split after its closing paren.
        const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return Number(fields[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface Take {
  take_id: string;
  number: number;
  audio_url: string;
  audio_resource: string;
}
interface Beat {
  beat_id: string;
  status: string;
  takes: Take[];
  selected_take_id: string | null;
  selected_duration_ms: number | null;
}

describe('studio mcp against a running studio', () => {
  let studio: PrivateStudio;
  let client: Client;

  beforeAll(async () => {
    studio = await startPrivateStudio(baseEnv);
    ({ client } = await launch({
      STUDIO_URL: studio.connection.url,
      STUDIO_TOKEN: studio.connection.token ?? '',
    }));
  }, 300_000);

  afterAll(async () => {
    await client?.close();
    await studio?.stop();
  });

  it('lists the studio’s tools over stdio', slow, async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(['complete_audio_workflow', 'regenerate_beat_audio', 'select_take']),
    );
    expect(tools.every((tool) => tool.outputSchema?.type === 'object')).toBe(true);
  });

  it('answers an invalid script with the diagnostics’ lines', slow, async () => {
    const result = (await client.callTool({
      name: 'create_production_session',
      arguments: {
        els_content: '[META]\n[BEAT: x y]\nname: A\n---\n[PACE: warp]\nHi.\n[END_BEAT]\n',
      },
    })) as CallToolResult;
    const error = failure(result) as unknown as { code: string; diagnostics: { line: number }[] };
    expect(error.code).toBe('INVALID_SCRIPT');
    expect(error.diagnostics.map((d) => d.line)).toEqual(expect.arrayContaining([2, 5]));
  });

  it('voices, revises, selects and exports; the links download', slow, async () => {
    const progress: Progress[] = [];
    const done = (await client.callTool(
      { name: 'complete_audio_workflow', arguments: { els_content: twoBeats } },
      undefined,
      { onprogress: (update) => progress.push(update), timeout: 280_000 },
    )) as CallToolResult;
    const session = structured<{ session_id: string; beats: Beat[]; total_duration_ms: number }>(
      done,
    );
    expect(session.beats.map((beat) => [beat.beat_id, beat.status, beat.takes.length])).toEqual([
      ['01_hook', 'ready', 1],
      ['02_boomer', 'ready', 1],
    ]);
    expect(session.total_duration_ms).toBe(
      session.beats.reduce((sum, beat) => sum + beat.selected_duration_ms!, 0),
    );
    // In order and out of two. The SDK client handles a notification a microtask after a
    // response read in the same chunk, so the last one ("2/2") may arrive after the call ended.
    const values = progress.map((update) => update.progress);
    expect(values.length).toBeGreaterThan(0);
    expect(values).toEqual([...new Set(values)].sort((a, b) => a - b));
    expect(progress.every((update) => update.total === 2 && update.progress <= 2)).toBe(true);

    const prefix = session.session_id.slice(0, 8);
    const revised = structured<{ take: Take }>(
      (await client.callTool(
        {
          name: 'regenerate_beat_audio',
          arguments: { session_id: prefix, beat_id: '01_hook', pace: 'slow' },
        },
        undefined,
        { timeout: 280_000 },
      )) as CallToolResult,
    );
    expect(revised.take.number).toBe(2);
    structured(
      (await client.callTool({
        name: 'select_take',
        arguments: { session_id: prefix, beat_id: 1, take_id: 2 },
      })) as CallToolResult,
    );
    const exported = (await client.callTool({
      name: 'export_selected_takes',
      arguments: { session_id: prefix },
    })) as CallToolResult;
    const links = exported.content.filter(
      (item): item is ResourceLink => item.type === 'resource_link',
    );
    const master = links.find((link) => link.name === 'master.mp3')!;
    expect(master.uri.startsWith(studio.connection.url)).toBe(true);
    const auth = { headers: { Authorization: `Bearer ${studio.connection.token}` } };
    const response = await fetch(master.uri, auth);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const audio = await client.readResource({ uri: revised.take.audio_resource });
    expect((audio.contents[0] as { mimeType: string }).mimeType).toBe('audio/mpeg');
    const served = Buffer.from(await (await fetch(revised.take.audio_url, auth)).arrayBuffer());
    expect(Buffer.from((audio.contents[0] as { blob: string }).blob, 'base64').equals(served)).toBe(
      true,
    );
  });

  it('gives a tool error, not a hang, when the studio dies mid-call', slow, async () => {
    let killed = false;
    const result = (await client.callTool(
      { name: 'complete_audio_workflow', arguments: { els_content: manyBeats(6) } },
      undefined,
      {
        timeout: 280_000,
        onprogress: () => {
          if (killed) return;
          killed = true;
          process.kill(studio.pid, 'SIGKILL');
        },
      },
    )) as CallToolResult;
    expect(killed).toBe(true);
    expect(failure(result).code).toBe('STUDIO_UNREACHABLE');
    // The bridge still answers, with the same error, while the studio is gone.
    const after = (await client.callTool({
      name: 'list_sessions',
      arguments: {},
    })) as CallToolResult;
    expect(failure(after).code).toBe('STUDIO_UNREACHABLE');
  });
});

describe('studio mcp without a server', () => {
  it('runs a private studio while stdin is open and stops it after', slow, async () => {
    const { client, transport } = await launch({});
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(10);
    const [privateStudio] = childrenOf(transport.pid!);
    expect(privateStudio).toBeDefined();
    expect(existsSync(`/proc/${privateStudio}`)).toBe(true);

    const exited = new Promise<void>((resolve) => (transport.onclose = resolve));
    await client.close();
    await exited;
    for (let i = 0; i < 100 && existsSync(`/proc/${privateStudio}`); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(existsSync(`/proc/${privateStudio}`)).toBe(false);
  });
});
