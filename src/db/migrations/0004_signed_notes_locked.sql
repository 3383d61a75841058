-- A signed progress note is locked: its content, facts and signature never change again.
-- The one way back to a draft is a supervisor returning an associate's note awaiting co-signature.
-- Addenda are signed when written and never changed or removed.
CREATE FUNCTION progress_notes_refuse_signed_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'signed' THEN
      RAISE EXCEPTION 'a signed progress note cannot be removed';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'signed' AND NOT (OLD.cosign_status = 'pending' AND NEW.cosign_status = 'returned' AND NEW.status = 'draft') THEN
    IF NEW.status IS DISTINCT FROM OLD.status
      OR NEW.format IS DISTINCT FROM OLD.format
      OR NEW.fields IS DISTINCT FROM OLD.fields
      OR NEW.risk IS DISTINCT FROM OLD.risk
      OR NEW.service_code IS DISTINCT FROM OLD.service_code
      OR NEW.facts IS DISTINCT FROM OLD.facts
      OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
      OR NEW.signed_by IS DISTINCT FROM OLD.signed_by
      OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
      OR NEW.author_id IS DISTINCT FROM OLD.author_id
      OR NEW.session_id IS DISTINCT FROM OLD.session_id THEN
      RAISE EXCEPTION 'a signed progress note is locked; add an addendum instead';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_notes_signed_locked BEFORE UPDATE OR DELETE ON progress_notes
  FOR EACH ROW EXECUTE FUNCTION progress_notes_refuse_signed_change();
--> statement-breakpoint
CREATE FUNCTION note_addenda_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'note addenda are signed and cannot be changed';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER note_addenda_append_only BEFORE UPDATE OR DELETE ON note_addenda
  FOR EACH ROW EXECUTE FUNCTION note_addenda_refuse_change();
