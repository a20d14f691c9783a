ALTER TABLE votes DROP COLUMN voided;
ALTER TABLE events DROP COLUMN voting_opened_at;
ALTER TABLE events DROP COLUMN voter_rule;
