import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { StudioDb } from '../client.js';
import { DbError, onConstraint } from '../errors.js';
import {
  sessionExports,
  type ErrorInfo,
  type ExportFile,
  type ExportOptions,
  type ExportRow,
} from '../schema/index.js';
import { checkExport } from './check-rows.js';

/** Starts an export run (`running`); finish it with `finishExport` or `failExport`. */
export async function createExport(
  db: StudioDb,
  input: { sessionId: string; options?: ExportOptions },
): Promise<ExportRow> {
  const [row] = await onConstraint(
    () =>
      db
        .insert(sessionExports)
        .values({ sessionId: input.sessionId, options: input.options ?? {} })
        .returning(),
    'exports_session_id_sessions_id_fk',
    'SESSION_NOT_FOUND',
    `no session ${input.sessionId}`,
  );
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function finishExport(
  db: StudioDb,
  id: string,
  result: { files: ExportFile[]; manifest: Record<string, unknown> },
): Promise<ExportRow> {
  return updateExport(db, id, { status: 'ready', files: result.files, manifest: result.manifest });
}

export async function failExport(db: StudioDb, id: string, error: ErrorInfo): Promise<ExportRow> {
  return updateExport(db, id, { status: 'failed', error });
}

/**
 * For a server starting up: exports still `running` that started more than `olderThanMs` ago
 * were cut off by a crash (an export runs inside one request). They become `failed` with code
 * `interrupted`; returned so their partial files can be removed.
 */
export async function failInterruptedExports(
  db: StudioDb,
  opts: { olderThanMs: number },
): Promise<ExportRow[]> {
  if (!Number.isInteger(opts.olderThanMs) || opts.olderThanMs < 0) {
    throw new DbError('INVALID_INPUT', 'olderThanMs must be a whole number ≥ 0', 'olderThanMs');
  }
  const startedBefore = sql`now() - ${sql.raw(String(opts.olderThanMs))} * interval '1 millisecond'`;
  return db
    .update(sessionExports)
    .set({
      status: 'failed',
      error: {
        code: 'interrupted',
        message: 'The studio stopped while this export was running. Export again.',
      },
    })
    .where(and(eq(sessionExports.status, 'running'), lt(sessionExports.createdAt, startedBefore)))
    .returning();
}

/** A session's exports, newest first. */
export async function listExports(db: StudioDb, sessionId: string): Promise<ExportRow[]> {
  const rows = await db
    .select()
    .from(sessionExports)
    .where(eq(sessionExports.sessionId, sessionId))
    .orderBy(desc(sessionExports.createdAt), desc(sessionExports.id));
  return rows.map(checkExport);
}

export async function getExport(db: StudioDb, id: string): Promise<ExportRow> {
  const [row] = await db.select().from(sessionExports).where(eq(sessionExports.id, id));
  if (!row) throw new DbError('EXPORT_NOT_FOUND', `no export ${id}`);
  return checkExport(row);
}

async function updateExport(
  db: StudioDb,
  id: string,
  values: PgUpdateSetSource<typeof sessionExports>,
): Promise<ExportRow> {
  const [row] = await db
    .update(sessionExports)
    .set(values)
    .where(eq(sessionExports.id, id))
    .returning();
  if (!row) throw new DbError('EXPORT_NOT_FOUND', `no export ${id}`);
  return checkExport(row);
}
