/** What an error becomes in a log line: its code and message, never the data it carried. */
import { createTestDatabase } from '@studio/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

describe('logging a failed query', () => {
  it('keeps the SQLSTATE and the statement, not the bind parameters, and stays short', async () => {
    // Empty (no migrations): the query needs no table.
    const { db, close } = await createTestDatabase({ empty: true });
    const parameter = `script-text-${'x'.repeat(100_000)}`;
    const failure = await db
      .execute(sql`select ${parameter}::int as n, ${'second-value'}::text as t`)
      .then(
        () => null,
        (error: unknown) => error,
      );
    await close();
    expect(failure).toBeInstanceOf(Error);

    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      secrets: [],
      destination: { write: (line: string) => void lines.push(line) },
    });
    log.error({ err: failure }, 'procedure failed');
    const [line] = lines;
    const entry = JSON.parse(line!) as { err: { message: string; cause: { code: string } } };
    expect(line).not.toContain('second-value');
    expect(line!.length).toBeLessThan(20_000);
    expect(entry.err.message).toContain('select $1::int');
    expect(entry.err.cause.code).toBe('22P02');
  });
});
