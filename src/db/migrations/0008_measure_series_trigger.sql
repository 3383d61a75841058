-- measure_series keeps, for each client, instrument and rater, how many scores there are and the
-- first and latest (earliest time first; at the same instant, the lower total counts as first and
-- the higher as latest). One statement-level trigger folds each batch of new responses in.
CREATE FUNCTION measure_series_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO measure_series AS s (practice_id, client_id, instrument_key, rated_by, n, first_at, first_total, last_at, last_total)
  SELECT practice_id, client_id, instrument_key, rated_by, count(*)::int,
         min(completed_at), (array_agg(total ORDER BY completed_at, total))[1],
         max(completed_at), (array_agg(total ORDER BY completed_at DESC, total DESC))[1]
  FROM added
  GROUP BY practice_id, client_id, instrument_key, rated_by
  ON CONFLICT (practice_id, client_id, instrument_key, rated_by) DO UPDATE SET
    n = s.n + excluded.n,
    first_total = CASE WHEN excluded.first_at < s.first_at OR (excluded.first_at = s.first_at AND excluded.first_total < s.first_total)
                       THEN excluded.first_total ELSE s.first_total END,
    first_at = least(s.first_at, excluded.first_at),
    last_total = CASE WHEN excluded.last_at > s.last_at OR (excluded.last_at = s.last_at AND excluded.last_total > s.last_total)
                      THEN excluded.last_total ELSE s.last_total END,
    last_at = greatest(s.last_at, excluded.last_at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_series_add AFTER INSERT ON measure_responses
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION measure_series_add();
--> statement-breakpoint
-- A completed measure is part of the record: it is never edited, and never removed except with its
-- client (a cascade, which runs inside the foreign key's own trigger).
CREATE FUNCTION measure_responses_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF pg_trigger_depth() <= 1 THEN
      RAISE EXCEPTION 'a completed measure cannot be removed on its own';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.total IS DISTINCT FROM OLD.total OR NEW.completed_at IS DISTINCT FROM OLD.completed_at
    OR NEW.client_id IS DISTINCT FROM OLD.client_id OR NEW.instrument_key IS DISTINCT FROM OLD.instrument_key
    OR NEW.rated_by IS DISTINCT FROM OLD.rated_by OR NEW.answers IS DISTINCT FROM OLD.answers THEN
    RAISE EXCEPTION 'a completed measure cannot be changed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER measure_responses_refuse_change BEFORE UPDATE OR DELETE ON measure_responses
  FOR EACH ROW EXECUTE FUNCTION measure_responses_refuse_change();
--> statement-breakpoint
INSERT INTO measure_series (practice_id, client_id, instrument_key, rated_by, n, first_at, first_total, last_at, last_total)
SELECT practice_id, client_id, instrument_key, rated_by, count(*)::int,
       min(completed_at), (array_agg(total ORDER BY completed_at, total))[1],
       max(completed_at), (array_agg(total ORDER BY completed_at DESC, total DESC))[1]
FROM measure_responses
GROUP BY practice_id, client_id, instrument_key, rated_by;
