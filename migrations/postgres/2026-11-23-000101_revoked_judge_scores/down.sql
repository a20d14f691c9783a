ALTER TABLE people DROP COLUMN scores_excluded;
