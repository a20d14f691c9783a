-- Sign-in sessions held server-side, so that signing out, a new sign-in
-- link or revoking a person ends them on every instance.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    admin_id BIGINT REFERENCES admins(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX sessions_person ON sessions(person_id);
CREATE INDEX sessions_admin ON sessions(admin_id);
