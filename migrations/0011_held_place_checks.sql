-- Lowering a capacity or a quota below the places already held is refused unless the organiser
-- overrides it. The check has to run inside the write's own batch, after a registration that
-- arrived meanwhile: a read before the batch could be stale by the time it writes. RAISE()
-- only exists in triggers, so the check is an insert into a view whose INSTEAD OF trigger
-- aborts the whole batch; the view itself never holds a row.
CREATE VIEW `held_place_checks` (`scope`, `event_id`, `ref_id`, `places`) AS
  SELECT NULL, NULL, NULL, NULL WHERE 0;
--> statement-breakpoint
CREATE TRIGGER `held_place_checks_insert` INSTEAD OF INSERT ON `held_place_checks`
BEGIN
  SELECT RAISE(ABORT, 'places_below_held')
  WHERE (new.scope = 'event'
      AND new.places < (SELECT held_places FROM events WHERE id = new.event_id))
    OR (new.scope = 'track'
      AND new.places < (SELECT held_places FROM tracks WHERE id = new.ref_id))
    OR (new.scope = 'quota'
      AND new.places < (SELECT held_places FROM quotas WHERE event_id = new.event_id AND institution_id = new.ref_id));
END;
