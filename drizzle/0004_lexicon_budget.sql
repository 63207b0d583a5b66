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
ALTER TABLE "sessions" ADD COLUMN "budget_credits" integer;--> statement-breakpoint
ALTER TABLE "takes" ADD COLUMN "credits_per_character" double precision;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_budget_credits_nonnegative" CHECK ("sessions"."budget_credits" >= 0);