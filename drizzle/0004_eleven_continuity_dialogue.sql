ALTER TABLE "sessions" ADD COLUMN "dialogue_mode" text DEFAULT 'one_performance' NOT NULL;--> statement-breakpoint
ALTER TABLE "takes" ADD COLUMN "continuity" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_dialogue_mode_valid" CHECK ("sessions"."dialogue_mode" in ('one_performance', 'per_segment'));