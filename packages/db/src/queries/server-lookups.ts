/**
 * A lookup the server needs that the rest of this package does not: added by apps/server (see
 * its report), in its own file so it is easy to fold into beats.ts like getTake and openJobIds.
 */
import { eq } from 'drizzle-orm';
import type { StudioDb } from '../client.js';
import { beats } from '../schema/index.js';
import type { BeatRow } from './beats.js';

/** One beat by id (what a generation job voices), or null when it was deleted meanwhile. */
export async function getBeat(db: StudioDb, beatId: string): Promise<BeatRow | null> {
  const [beat] = await db.select().from(beats).where(eq(beats.id, beatId));
  return beat ?? null;
}
