-- The whole product's data model (SQLite). Later features fill in behaviour.
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE admins (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    starts_at TIMESTAMP,
    ends_at TIMESTAMP,
    team_size_cap INTEGER NOT NULL DEFAULT 6,
    join_code TEXT,
    phase TEXT NOT NULL DEFAULT 'draft',
    late_pitches BOOLEAN NOT NULL DEFAULT 0,
    judging_open BOOLEAN NOT NULL DEFAULT 0,
    voting_open BOOLEAN NOT NULL DEFAULT 0,
    display_scene TEXT,
    now_presenting BIGINT,
    version BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE schedule_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'other',
    label TEXT NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX schedule_items_event ON schedule_items(event_id, at);

CREATE TABLE people (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    skills TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'attendee',
    token_hash TEXT NOT NULL UNIQUE,
    revoked BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX people_event ON people(event_id, role);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    pitcher_id BIGINT NOT NULL REFERENCES people(id),
    title TEXT NOT NULL,
    problem TEXT NOT NULL DEFAULT '',
    skills_needed TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    merged_into BIGINT REFERENCES projects(id),
    running_order INTEGER,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_event ON projects(event_id, status);

CREATE TABLE memberships (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    joined_at TIMESTAMP NOT NULL
);
CREATE INDEX memberships_project ON memberships(project_id);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    project_id BIGINT NOT NULL UNIQUE REFERENCES projects(id) ON DELETE CASCADE,
    repo_url TEXT NOT NULL,
    forge TEXT,
    demo_url TEXT,
    slides_url TEXT,
    video_url TEXT,
    built TEXT NOT NULL DEFAULT '',
    licence TEXT NOT NULL DEFAULT 'none-yet',
    keep_working BOOLEAN NOT NULL DEFAULT 0,
    late BOOLEAN NOT NULL DEFAULT 0,
    submitted_by BIGINT REFERENCES people(id),
    submitted_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE criteria (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    weight INTEGER NOT NULL DEFAULT 1,
    scale_min INTEGER NOT NULL DEFAULT 1,
    scale_max INTEGER NOT NULL DEFAULT 5,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    judge_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    declared_at TIMESTAMP NOT NULL,
    UNIQUE (judge_id, project_id)
);

CREATE TABLE scores (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    judge_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    criterion_id BIGINT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    value INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (judge_id, project_id, criterion_id)
);

CREATE TABLE judge_notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    judge_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    notes TEXT NOT NULL DEFAULT '',
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (judge_id, project_id)
);

CREATE TABLE prizes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'judged',
    criteria TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE awards (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    prize_id BIGINT NOT NULL REFERENCES prizes(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    place INTEGER NOT NULL DEFAULT 1,
    revealed_at TIMESTAMP,
    UNIQUE (prize_id, project_id)
);

CREATE TABLE votes (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT REFERENCES events(id) ON DELETE CASCADE,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_event ON audit_log(event_id, at);
