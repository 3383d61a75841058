-- A saved map version is kept as it was: the comparison of two versions, and the metrics trend,
-- mean nothing if an old version can be rewritten. Removing a client removes their versions.
CREATE FUNCTION relational_map_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a saved relational map version cannot be changed; save a new version instead';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER relational_map_versions_kept BEFORE UPDATE ON relational_map_versions
  FOR EACH ROW EXECUTE FUNCTION relational_map_versions_refuse_change();
