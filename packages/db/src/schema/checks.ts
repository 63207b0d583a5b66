import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** `column IN ('a', 'b')` with inlined literals: DDL (CHECK constraints) cannot take parameters. */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  const literals = values.map((v) => sql.raw(`'${v.replaceAll("'", "''")}'`));
  return sql`${column} in (${sql.join(literals, sql`, `)})`;
}

/** `column BETWEEN min AND max` with inlined bounds, for range CHECK constraints. */
export function between(column: AnyPgColumn, min: number, max: number): SQL {
  return sql`${column} between ${sql.raw(String(min))} and ${sql.raw(String(max))}`;
}

/** Both columns set or both NULL: an error code never travels without its message. */
export function bothOrNeither(a: AnyPgColumn, b: AnyPgColumn): SQL {
  return sql`(${a} is null) = (${b} is null)`;
}
