-- The project an audit entry is about, so a project's history is read by
-- its id and action instead of by the wording of the detail.
ALTER TABLE audit_log ADD COLUMN project_id BIGINT;
UPDATE audit_log
   SET project_id = CAST(split_part(substring(detail FROM 9), ':', 1) AS BIGINT)
 WHERE detail ~ '^project [0-9]+:'
   AND action IN ('submission_saved', 'pitch_submitted', 'pitch_edited',
                  'pitch_withdrawn', 'pitch_hidden', 'pitch_shown');
CREATE INDEX audit_log_project ON audit_log(project_id, id);
