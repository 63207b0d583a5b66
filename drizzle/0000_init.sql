CREATE TABLE "beats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"beat_key" text NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"parsed" jsonb NOT NULL,
	"text" text NOT NULL,
	"pause_after_ms" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"last_error_code" text,
	"last_error_message" text,
	"selected_take_id" uuid,
	"stale_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "beats_status_valid" CHECK ("beats"."status" in ('pending', 'queued', 'generating', 'ready', 'failed', 'stale')),
	CONSTRAINT "beats_pause_after_nonnegative" CHECK ("beats"."pause_after_ms" >= 0),
	CONSTRAINT "beats_last_error_complete" CHECK (("beats"."last_error_code" is null) = ("beats"."last_error_message" is null))
);
--> statement-breakpoint
CREATE TABLE "takes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"beat_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"duration_ms" integer NOT NULL,
	"settings" jsonb NOT NULL,
	"timings" jsonb NOT NULL,
	"direction" text,
	"provider" text NOT NULL,
	"model_id" text NOT NULL,
	"characters_billed" integer DEFAULT 0 NOT NULL,
	"request_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"content_hash" text NOT NULL,
	"voiced_text" text NOT NULL,
	"job_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "takes_job_id_uq" UNIQUE("job_id"),
	CONSTRAINT "takes_beat_id_id_uq" UNIQUE("beat_id","id"),
	CONSTRAINT "takes_provider_valid" CHECK ("takes"."provider" in ('elevenlabs', 'local')),
	CONSTRAINT "takes_duration_nonnegative" CHECK ("takes"."duration_ms" >= 0),
	CONSTRAINT "takes_characters_billed_nonnegative" CHECK ("takes"."characters_billed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"manifest" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exports_status_valid" CHECK ("exports"."status" in ('running', 'ready', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "generation_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "generation_jobs_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"session_id" uuid NOT NULL,
	"beat_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error_code" text,
	"last_error_message" text,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"not_before" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_jobs_kind_valid" CHECK ("generation_jobs"."kind" in ('generate', 'regenerate')),
	CONSTRAINT "generation_jobs_status_valid" CHECK ("generation_jobs"."status" in ('queued', 'running', 'done', 'failed', 'cancelled')),
	CONSTRAINT "generation_jobs_attempts_nonnegative" CHECK ("generation_jobs"."attempts" >= 0),
	CONSTRAINT "generation_jobs_last_error_complete" CHECK (("generation_jobs"."last_error_code" is null) = ("generation_jobs"."last_error_message" is null)),
	CONSTRAINT "generation_jobs_running_has_lease" CHECK ("generation_jobs"."status" <> 'running' or ("generation_jobs"."lease_owner" is not null and "generation_jobs"."lease_expires_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"video_title" text NOT NULL,
	"project" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"source_els" text NOT NULL,
	"characters_spent" integer DEFAULT 0 NOT NULL,
	"last_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_status_valid" CHECK ("sessions"."status" in ('draft', 'generating', 'in_progress', 'completed', 'exported')),
	CONSTRAINT "sessions_characters_spent_nonnegative" CHECK ("sessions"."characters_spent" >= 0)
);
--> statement-breakpoint
CREATE TABLE "voice_profiles" (
	"character" text PRIMARY KEY NOT NULL,
	"voice_id" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"stability" double precision NOT NULL,
	"similarity_boost" double precision NOT NULL,
	"style" double precision NOT NULL,
	"speed" double precision DEFAULT 1 NOT NULL,
	"model_id" text DEFAULT 'eleven_multilingual_v2' NOT NULL,
	"local_voice" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voice_profiles_stability_range" CHECK ("voice_profiles"."stability" between 0 and 1),
	CONSTRAINT "voice_profiles_similarity_boost_range" CHECK ("voice_profiles"."similarity_boost" between 0 and 1),
	CONSTRAINT "voice_profiles_style_range" CHECK ("voice_profiles"."style" between 0 and 1),
	CONSTRAINT "voice_profiles_speed_range" CHECK ("voice_profiles"."speed" between 0.7 and 1.2),
	CONSTRAINT "voice_profiles_local_voice_shape" CHECK (case when jsonb_typeof("voice_profiles"."local_voice"->'variant') = 'string' and jsonb_typeof("voice_profiles"."local_voice"->'pitch') = 'number' then ("voice_profiles"."local_voice"->>'pitch')::numeric between 0 and 99 else false end)
);
--> statement-breakpoint
ALTER TABLE "beats" ADD CONSTRAINT "beats_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "beats" ADD CONSTRAINT "beats_selected_take_fk" FOREIGN KEY ("id","selected_take_id") REFERENCES "public"."takes"("beat_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takes" ADD CONSTRAINT "takes_beat_id_beats_id_fk" FOREIGN KEY ("beat_id") REFERENCES "public"."beats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "takes" ADD CONSTRAINT "takes_job_id_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."generation_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_beat_id_beats_id_fk" FOREIGN KEY ("beat_id") REFERENCES "public"."beats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "beats_session_beat_key_uq" ON "beats" USING btree ("session_id",lower("beat_key"));--> statement-breakpoint
CREATE INDEX "beats_session_position_idx" ON "beats" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "takes_beat_created_idx" ON "takes" USING btree ("beat_id","created_at");--> statement-breakpoint
CREATE INDEX "takes_content_hash_idx" ON "takes" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "exports_session_created_idx" ON "exports" USING btree ("session_id","created_at");--> statement-breakpoint
CREATE INDEX "generation_jobs_open_idx" ON "generation_jobs" USING btree ("seq") WHERE "generation_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "generation_jobs_session_idx" ON "generation_jobs" USING btree ("session_id","seq");--> statement-breakpoint
CREATE INDEX "generation_jobs_beat_idx" ON "generation_jobs" USING btree ("beat_id");--> statement-breakpoint
CREATE UNIQUE INDEX "generation_jobs_one_open_generate_uq" ON "generation_jobs" USING btree ("beat_id") WHERE "generation_jobs"."kind" = 'generate' and "generation_jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "sessions_created_at_idx" ON "sessions" USING btree ("created_at");