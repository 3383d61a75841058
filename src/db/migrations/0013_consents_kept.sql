-- A consent is kept as it was given; the only later change is its revocation, once.
CREATE FUNCTION consents_only_revoke() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.revoked_at IS NOT NULL THEN
    RAISE EXCEPTION 'a revoked consent is kept as it was';
  END IF;
  IF NEW.practice_id IS DISTINCT FROM OLD.practice_id
    OR NEW.id IS DISTINCT FROM OLD.id
    OR NEW.client_id IS DISTINCT FROM OLD.client_id
    OR NEW.purpose IS DISTINCT FROM OLD.purpose
    OR NEW.collaborator_name IS DISTINCT FROM OLD.collaborator_name
    OR NEW.collaborator_role IS DISTINCT FROM OLD.collaborator_role
    OR NEW.categories IS DISTINCT FROM OLD.categories
    OR NEW.scope IS DISTINCT FROM OLD.scope
    OR NEW.given_on IS DISTINCT FROM OLD.given_on
    OR NEW.expires_on IS DISTINCT FROM OLD.expires_on
    OR NEW.via IS DISTINCT FROM OLD.via
    OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by
    OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at THEN
    RAISE EXCEPTION 'a consent is kept as it was given; record a new one instead';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consents_kept BEFORE UPDATE ON consents
  FOR EACH ROW EXECUTE FUNCTION consents_only_revoke();
