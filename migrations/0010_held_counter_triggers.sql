-- Places held per event, track and quota, kept by triggers in the statement that changes a
-- registration: every writer (registering, promotion, cancellation, moves, erasure, seeds) keeps
-- them without being able to forget, and the statement that decides a status reads one row per
-- counter instead of counting the held rows. changes() is unaffected by trigger writes, so the
-- `where changes() = 1` chains in db/allocation.ts still see the registration statement.
-- Held: confirmed, or waiting with an open offer.
CREATE TRIGGER `registrations_held_insert` AFTER INSERT ON `registrations`
WHEN new.status = 'confirmed' OR (new.status = 'waitlisted' AND new.offered_until IS NOT NULL)
BEGIN
  UPDATE events SET held_places = held_places + 1 WHERE id = new.event_id;
  UPDATE tracks SET held_places = held_places + 1 WHERE id = new.track_id;
  UPDATE quotas SET held_places = held_places + 1
    WHERE event_id = new.event_id AND institution_id = new.institution_id;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_held_delete` AFTER DELETE ON `registrations`
WHEN old.status = 'confirmed' OR (old.status = 'waitlisted' AND old.offered_until IS NOT NULL)
BEGIN
  UPDATE events SET held_places = held_places - 1 WHERE id = old.event_id;
  UPDATE tracks SET held_places = held_places - 1 WHERE id = old.track_id;
  UPDATE quotas SET held_places = held_places - 1
    WHERE event_id = old.event_id AND institution_id = old.institution_id;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_held_update`
AFTER UPDATE OF status, offered_until, event_id, track_id, institution_id ON `registrations`
WHEN (old.status = 'confirmed' OR (old.status = 'waitlisted' AND old.offered_until IS NOT NULL))
  OR (new.status = 'confirmed' OR (new.status = 'waitlisted' AND new.offered_until IS NOT NULL))
BEGIN
  UPDATE events SET held_places = held_places - 1 WHERE id = old.event_id
    AND (old.status = 'confirmed' OR (old.status = 'waitlisted' AND old.offered_until IS NOT NULL));
  UPDATE tracks SET held_places = held_places - 1 WHERE id = old.track_id
    AND (old.status = 'confirmed' OR (old.status = 'waitlisted' AND old.offered_until IS NOT NULL));
  UPDATE quotas SET held_places = held_places - 1
    WHERE event_id = old.event_id AND institution_id = old.institution_id
    AND (old.status = 'confirmed' OR (old.status = 'waitlisted' AND old.offered_until IS NOT NULL));
  UPDATE events SET held_places = held_places + 1 WHERE id = new.event_id
    AND (new.status = 'confirmed' OR (new.status = 'waitlisted' AND new.offered_until IS NOT NULL));
  UPDATE tracks SET held_places = held_places + 1 WHERE id = new.track_id
    AND (new.status = 'confirmed' OR (new.status = 'waitlisted' AND new.offered_until IS NOT NULL));
  UPDATE quotas SET held_places = held_places + 1
    WHERE event_id = new.event_id AND institution_id = new.institution_id
    AND (new.status = 'confirmed' OR (new.status = 'waitlisted' AND new.offered_until IS NOT NULL));
END;
--> statement-breakpoint
-- A quota row added after its institution already registered (an invitation after a walk-in)
-- starts from what that institution holds.
CREATE TRIGGER `quotas_held_insert` AFTER INSERT ON `quotas`
BEGIN
  UPDATE quotas SET held_places = (SELECT count(*) FROM registrations r
      WHERE r.event_id = new.event_id AND r.institution_id = new.institution_id
        AND (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.offered_until IS NOT NULL)))
    WHERE event_id = new.event_id AND institution_id = new.institution_id;
END;
--> statement-breakpoint
UPDATE events SET held_places = (SELECT count(*) FROM registrations r WHERE r.event_id = events.id
  AND (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.offered_until IS NOT NULL)));
--> statement-breakpoint
UPDATE tracks SET held_places = (SELECT count(*) FROM registrations r WHERE r.track_id = tracks.id
  AND (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.offered_until IS NOT NULL)));
--> statement-breakpoint
UPDATE quotas SET held_places = (SELECT count(*) FROM registrations r
  WHERE r.event_id = quotas.event_id AND r.institution_id = quotas.institution_id
  AND (r.status = 'confirmed' OR (r.status = 'waitlisted' AND r.offered_until IS NOT NULL)));
--> statement-breakpoint
-- Every registration's history starts with its creation, in the statement that creates it: one
-- statement less per registration, and no writer (registering, walk-ins, seeds) can leave it out.
CREATE TRIGGER `registrations_history_insert` AFTER INSERT ON `registrations`
BEGIN
  INSERT INTO registration_history (id, registration_id, at, action, actor_account_id, reason_code)
  VALUES (lower(hex(randomblob(16))), new.id, new.requested_at,
    CASE WHEN new.status = 'confirmed' THEN 'registered' ELSE 'waitlisted' END,
    new.created_by_account_id, new.reason_code);
END;
