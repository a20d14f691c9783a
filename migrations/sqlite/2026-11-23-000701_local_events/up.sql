-- Local organisers under the umbrella, events they propose (pending until
-- an admin approves or declines them, with a note), and each event's own
-- IANA time zone. Schedule times stay the event's wall-clock times; rows
-- from before this migration were entered as London times.
-- (SQLite cannot drop a column that references another table, so the
-- added id columns carry no REFERENCES here; local organisers are never
-- deleted.)
CREATE TABLE local_organisers (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL,
    email TEXT,
    token_hash TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX local_organisers_email ON local_organisers(email);
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/London';
ALTER TABLE events ADD COLUMN approval TEXT NOT NULL DEFAULT 'approved';
ALTER TABLE events ADD COLUMN proposed_by BIGINT;
ALTER TABLE events ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN local_organiser_id BIGINT;
ALTER TABLE sessions ADD COLUMN local_organiser_id BIGINT;
CREATE INDEX sessions_local_organiser ON sessions(local_organiser_id);
