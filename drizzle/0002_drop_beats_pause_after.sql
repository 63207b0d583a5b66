ALTER TABLE "beats" DROP CONSTRAINT "beats_pause_after_nonnegative";--> statement-breakpoint
ALTER TABLE "beats" DROP COLUMN "pause_after_ms";