DROP TABLE session_endings;
