DROP INDEX sessions_local_organiser;
ALTER TABLE sessions DROP COLUMN local_organiser_id;
ALTER TABLE people DROP COLUMN local_organiser_id;
ALTER TABLE events DROP COLUMN review_note;
ALTER TABLE events DROP COLUMN proposed_by;
ALTER TABLE events DROP COLUMN approval;
ALTER TABLE events DROP COLUMN time_zone;
DROP INDEX local_organisers_email;
DROP TABLE local_organisers;
