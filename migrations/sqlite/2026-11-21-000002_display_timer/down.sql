ALTER TABLE events DROP COLUMN timer_ends_at;
ALTER TABLE events DROP COLUMN timer_remaining_ms;
ALTER TABLE events DROP COLUMN timer_duration_ms;
