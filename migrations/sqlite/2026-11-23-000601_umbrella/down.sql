ALTER TABLE people DROP COLUMN accepted_conduct_at;
DELETE FROM settings WHERE key = 'umbrella';
