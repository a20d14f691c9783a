-- People's choice: who may vote, when voting first opened, and votes that
-- organisers set aside.
ALTER TABLE events ADD COLUMN voter_rule TEXT NOT NULL DEFAULT 'signed_up_before_voting';
ALTER TABLE events ADD COLUMN voting_opened_at TIMESTAMP;
ALTER TABLE votes ADD COLUMN voided BOOLEAN NOT NULL DEFAULT FALSE;
