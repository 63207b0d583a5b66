import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { oneOf } from './checks.js';
import { sessions } from './sessions.js';
import {
  errorInfoSchema,
  exportFileSchema,
  exportOptionsSchema,
  type ErrorInfo,
  type ExportFile,
  type ExportOptions,
} from './shapes.js';

export const EXPORT_STATUSES = ['running', 'ready', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** One export run of a session: per-beat files, the master, the manifest and captions. */
export const sessionExports = pgTable(
  'exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    options: jsonb('options').$type<ExportOptions>().notNull().default({}),
    status: text('status', { enum: EXPORT_STATUSES }).notNull().default('running'),
    files: jsonb('files').$type<ExportFile[]>().notNull().default([]),
    /** The timing manifest as written to the export (beats, takes, offsets). */
    manifest: jsonb('manifest').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<ErrorInfo>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('exports_status_valid', oneOf(t.status, EXPORT_STATUSES)),
    index('exports_session_created_idx').on(t.sessionId, t.createdAt),
  ],
);

export type ExportRow = typeof sessionExports.$inferSelect;

/** The export's jsonb columns, checked when a row is read back (`checkRow`). */
export const exportJsonColumns = z.looseObject({
  options: exportOptionsSchema,
  files: z.array(exportFileSchema),
  manifest: z.record(z.string(), z.unknown()).nullable(),
  error: errorInfoSchema.nullable(),
});
