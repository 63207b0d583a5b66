CREATE TABLE "take_decisions" (
	"take_id" uuid PRIMARY KEY NOT NULL,
	"beat_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"note_id" uuid,
	"author" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "take_decisions_decision_valid" CHECK ("take_decisions"."decision" in ('approved', 'rejected')),
	CONSTRAINT "take_decisions_reason_valid" CHECK ("take_decisions"."reason" in ('mispronounced', 'wrong_emphasis', 'wrong_tone', 'pacing', 'glitch', 'wrong_words', 'level', 'other')),
	CONSTRAINT "take_decisions_reason_iff_rejected" CHECK (("take_decisions"."decision" = 'rejected') = ("take_decisions"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "take_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"take_id" uuid NOT NULL,
	"text" text NOT NULL,
	"at_ms" integer,
	"author" text NOT NULL,
	"resolved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "take_notes_at_ms_nonnegative" CHECK ("take_notes"."at_ms" >= 0),
	CONSTRAINT "take_notes_text_not_blank" CHECK (btrim("take_notes"."text") <> '')
);
--> statement-breakpoint
CREATE TABLE "lexicon_entries" (
	"project" text NOT NULL,
	"word" text NOT NULL,
	"alias" text,
	"phoneme" text,
	"alphabet" text,
	"case_sensitive" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lexicon_entries_pk" PRIMARY KEY("project","word"),
	CONSTRAINT "lexicon_entries_alphabet_valid" CHECK ("lexicon_entries"."alphabet" in ('ipa', 'cmu')),
	CONSTRAINT "lexicon_entries_one_pronunciation" CHECK (("lexicon_entries"."alias" is not null and "lexicon_entries"."phoneme" is null and "lexicon_entries"."alphabet" is null) or ("lexicon_entries"."alias" is null and "lexicon_entries"."phoneme" is not null and "lexicon_entries"."alphabet" is not null))
);
--> statement-breakpoint
CREATE TABLE "pronunciation_dictionaries" (
	"project" text PRIMARY KEY NOT NULL,
	"dictionary_id" text NOT NULL,
	"version_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generation_jobs" DROP CONSTRAINT "generation_jobs_kind_valid";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_status_valid";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "dialogue_mode" text DEFAULT 'one_performance' NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "budget_credits" integer;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "qc_listening" boolean;--> statement-breakpoint
ALTER TABLE "takes" ADD COLUMN "credits_per_character" double precision;--> statement-breakpoint
ALTER TABLE "takes" ADD COLUMN "continuity" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "takes" ADD COLUMN "qc" jsonb DEFAULT '{"status":"pending","flags":[]}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "take_decisions" ADD CONSTRAINT "take_decisions_note_id_take_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."take_notes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_decisions" ADD CONSTRAINT "take_decisions_take_fk" FOREIGN KEY ("beat_id","take_id") REFERENCES "public"."takes"("beat_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_notes" ADD CONSTRAINT "take_notes_take_id_takes_id_fk" FOREIGN KEY ("take_id") REFERENCES "public"."takes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "take_decisions_one_approved_per_beat_uq" ON "take_decisions" USING btree ("beat_id") WHERE "take_decisions"."decision" = 'approved';--> statement-breakpoint
CREATE INDEX "take_notes_take_created_idx" ON "take_notes" USING btree ("take_id","created_at");--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_kind_valid" CHECK ("generation_jobs"."kind" in ('generate', 'regenerate', 'qc_retry'));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_dialogue_mode_valid" CHECK ("sessions"."dialogue_mode" in ('one_performance', 'per_segment'));--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_budget_credits_nonnegative" CHECK ("sessions"."budget_credits" >= 0);--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_status_valid" CHECK ("sessions"."status" in ('draft', 'generating', 'in_progress', 'completed', 'in_review', 'approved', 'exported'));