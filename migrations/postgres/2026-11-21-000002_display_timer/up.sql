-- The projector's shared timer: set, started, paused and reset by organisers.
ALTER TABLE events ADD COLUMN timer_duration_ms BIGINT NOT NULL DEFAULT 120000;
ALTER TABLE events ADD COLUMN timer_remaining_ms BIGINT NOT NULL DEFAULT 120000;
ALTER TABLE events ADD COLUMN timer_ends_at TIMESTAMP;
