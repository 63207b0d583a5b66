-- updated_at moves on every UPDATE, whatever the write path (query layer, psql, another
-- service): a trigger, because drizzle's $onUpdate only covers its own query builder.
CREATE FUNCTION "set_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."updated_at" := now();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "voice_profiles_set_updated_at" BEFORE UPDATE ON "voice_profiles"
  FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "sessions_set_updated_at" BEFORE UPDATE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "beats_set_updated_at" BEFORE UPDATE ON "beats"
  FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
--> statement-breakpoint
CREATE TRIGGER "generation_jobs_set_updated_at" BEFORE UPDATE ON "generation_jobs"
  FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();
