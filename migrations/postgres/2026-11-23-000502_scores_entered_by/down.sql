ALTER TABLE scores DROP COLUMN entered_by;
