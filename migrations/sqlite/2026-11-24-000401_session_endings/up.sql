-- How many times sessions have been ended (signing out, a new link, a
-- revocation): one row, counted up in the same transaction as each ending.
-- Instances keep the sessions they checked while this count stands still.
CREATE TABLE session_endings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    count BIGINT NOT NULL DEFAULT 0
);
INSERT INTO session_endings (id, count) VALUES (1, 0);
