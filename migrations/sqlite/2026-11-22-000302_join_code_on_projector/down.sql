ALTER TABLE events DROP COLUMN show_join_code;
