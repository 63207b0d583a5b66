ALTER TABLE "generation_jobs" DROP CONSTRAINT "generation_jobs_kind_valid";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "qc_listening" boolean;--> statement-breakpoint
ALTER TABLE "takes" ADD COLUMN "qc" jsonb DEFAULT '{"status":"pending","flags":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_kind_valid" CHECK ("generation_jobs"."kind" in ('generate', 'regenerate', 'qc_retry'));