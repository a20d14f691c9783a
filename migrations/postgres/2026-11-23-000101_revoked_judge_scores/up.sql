-- Whether a revoked judge's scores are left out of the ranking (the
-- organisers choose; kept by default).
ALTER TABLE people ADD COLUMN scores_excluded BOOLEAN NOT NULL DEFAULT FALSE;
