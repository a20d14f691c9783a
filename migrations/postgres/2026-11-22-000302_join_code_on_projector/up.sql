-- The join code is shown on the public projector only when organisers say so.
ALTER TABLE events ADD COLUMN show_join_code BOOLEAN NOT NULL DEFAULT FALSE;
