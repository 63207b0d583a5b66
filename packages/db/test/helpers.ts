import type { Beat, Line, Script } from '@studio/els';
import { afterAll, beforeAll, expect } from 'vitest';
import { DbError, pgErrorOf, type DbErrorCode } from '../src/errors.js';
import type { Database, DatabaseKind, NewTake } from '../src/index.js';
import { availableTestEngines, createTestDatabase } from '../src/testing.js';

export const engines = availableTestEngines();

/** A fresh migrated + seeded database for the enclosing describe block. */
export function useDatabase(engine: DatabaseKind): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ engine });
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('database not ready');
    return database;
  };
}

export function parsedBeat(id: string, text = `Words of ${id}.`, number = 1): Beat {
  const line: Line = {
    text,
    taggedText: text,
    audioTags: [],
    character: 'every-coon',
    direction: 'deadpan',
    pace: 'normal',
    speed: 1,
    pauseAfterMs: 400,
    stability: null,
    style: 0.5,
    emphasis: [],
    strongEmphasis: [],
    sourceLine: number * 4,
  };
  return {
    id,
    number,
    name: `Beat ${id}`,
    line: number * 4 - 1,
    lines: [line],
    segments: [
      {
        character: 'every-coon',
        pace: 'normal',
        speed: 1,
        stability: null,
        style: 0.5,
        lines: [0],
        text,
        taggedText: text,
      },
    ],
    text,
    primaryCharacter: 'every-coon',
    primaryDirection: 'deadpan',
    primaryPace: 'normal',
    pauseAfterMs: 400,
  };
}

export function script(beatIds: string[], videoTitle: string | null = 'Why rates matter'): Script {
  return {
    videoTitle,
    project: 'trash-panda',
    defaultCharacter: 'every-coon',
    defaultPace: 'normal',
    beats: beatIds.map((id, i) => parsedBeat(id, undefined, i + 1)),
  };
}

let takeCounter = 0;

export function takeInput(beatId: string, patch: Partial<NewTake> = {}): NewTake {
  takeCounter += 1;
  return {
    beatId,
    storageKey: `takes/${beatId}/${takeCounter}.mp3`,
    durationMs: 1000 + takeCounter,
    settings: [
      {
        character: 'every-coon',
        voiceId: 'BRruTxiLM2nszrcCIpz1',
        modelId: 'eleven_multilingual_v2',
        stability: 0.35,
        similarityBoost: 0.78,
        style: 0.45,
        speed: 1,
        text: 'Words.',
        lines: [0],
      },
    ],
    timings: [
      {
        lineIndex: 0,
        character: 'every-coon',
        text: 'Words.',
        startMs: 0,
        endMs: 900,
        pauseAfterMs: 400,
      },
    ],
    direction: 'deadpan',
    provider: 'elevenlabs',
    modelId: 'eleven_multilingual_v2',
    charactersBilled: 10,
    requestIds: [`req-${takeCounter}`],
    contentHash: `hash-${takeCounter}`,
    voicedText: 'Words.',
    ...patch,
  };
}

export async function expectDbError(
  work: Promise<unknown>,
  code: DbErrorCode,
  field?: string,
): Promise<void> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DbError);
  expect((error as DbError).code).toBe(code);
  if (field !== undefined) expect((error as DbError).field).toBe(field);
}

/** Asserts the database itself refused the write: SQLSTATE and constraint name. */
export async function expectPgError(
  work: Promise<unknown>,
  sqlstate: string,
  constraint: string,
): Promise<void> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(pgErrorOf(error)).toEqual({ code: sqlstate, constraint });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
