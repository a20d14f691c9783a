-- When an attendee accepted the umbrella's code of conduct (at sign-up).
-- The umbrella itself (name, principles, colour) is one JSON value in
-- `settings` under the key `umbrella`.
ALTER TABLE people ADD COLUMN accepted_conduct_at TIMESTAMP;
