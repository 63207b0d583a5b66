CREATE TABLE "take_line_rates" (
	"take_id" uuid NOT NULL,
	"line_index" integer NOT NULL,
	"session_id" uuid NOT NULL,
	"character" text NOT NULL,
	"ms_per_char" double precision NOT NULL,
	CONSTRAINT "take_line_rates_pk" PRIMARY KEY("take_id","line_index")
);
--> statement-breakpoint
CREATE TABLE "take_speech_levels" (
	"take_id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"speech_db" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "take_line_rates" ADD CONSTRAINT "take_line_rates_take_id_takes_id_fk" FOREIGN KEY ("take_id") REFERENCES "public"."takes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_line_rates" ADD CONSTRAINT "take_line_rates_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_speech_levels" ADD CONSTRAINT "take_speech_levels_take_id_takes_id_fk" FOREIGN KEY ("take_id") REFERENCES "public"."takes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "take_speech_levels" ADD CONSTRAINT "take_speech_levels_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "take_line_rates_session_idx" ON "take_line_rates" USING btree ("session_id","character","ms_per_char","take_id");--> statement-breakpoint
CREATE INDEX "take_speech_levels_session_idx" ON "take_speech_levels" USING btree ("session_id","speech_db","take_id");--> statement-breakpoint
-- Copies a take's qc -> 'stats' into take_speech_levels and take_line_rates. Values that are not
-- what qc.ts's schema says are left out rather than failing the take's insert: QC compares what
-- it can.
CREATE FUNCTION "insert_take_qc_norms"(take uuid, beat uuid, stats jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  session uuid;
BEGIN
  IF jsonb_typeof(stats) IS DISTINCT FROM 'object' THEN
    RETURN;
  END IF;
  SELECT "session_id" INTO session FROM "beats" WHERE "id" = beat;
  IF jsonb_typeof(stats -> 'speechDb') = 'number' THEN
    INSERT INTO "take_speech_levels" ("take_id", "session_id", "speech_db")
      VALUES (take, session, (stats ->> 'speechDb')::double precision);
  END IF;
  IF jsonb_typeof(stats -> 'lines') = 'array' THEN
    INSERT INTO "take_line_rates" ("take_id", "line_index", "session_id", "character", "ms_per_char")
      SELECT take, (line ->> 'lineIndex')::integer, session, line ->> 'character',
        (line ->> 'msPerChar')::double precision
      FROM jsonb_array_elements(stats -> 'lines') AS line
      WHERE jsonb_typeof(line -> 'lineIndex') = 'number'
        AND jsonb_typeof(line -> 'character') = 'string'
        AND jsonb_typeof(line -> 'msPerChar') = 'number'
    ON CONFLICT DO NOTHING;
  END IF;
END;
$$;
--> statement-breakpoint
-- A trigger, so that every write path (query layer, psql, another service) keeps them in step.
CREATE FUNCTION "sync_take_qc_norms"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD."qc" -> 'stats' IS NOT DISTINCT FROM NEW."qc" -> 'stats' THEN
      RETURN NULL;
    END IF;
    DELETE FROM "take_speech_levels" WHERE "take_id" = NEW."id";
    DELETE FROM "take_line_rates" WHERE "take_id" = NEW."id";
  END IF;
  PERFORM "insert_take_qc_norms"(NEW."id", NEW."beat_id", NEW."qc" -> 'stats');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "takes_sync_qc_norms" AFTER INSERT OR UPDATE OF "qc" ON "takes"
  FOR EACH ROW EXECUTE FUNCTION "sync_take_qc_norms"();
--> statement-breakpoint
-- The takes voiced before this migration.
SELECT "insert_take_qc_norms"("id", "beat_id", "qc" -> 'stats') FROM "takes";
