-- Short messages from the organisers to every phone and the projector of
-- an event, shown until an organiser clears them.
CREATE TABLE announcements (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    cleared_at TIMESTAMP
);
CREATE INDEX announcements_event ON announcements(event_id, id);
