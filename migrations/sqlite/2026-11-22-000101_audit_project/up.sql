-- The project an audit entry is about, so a project's history is read by
-- its id and action instead of by the wording of the detail.
ALTER TABLE audit_log ADD COLUMN project_id BIGINT;
UPDATE audit_log
   SET project_id = CAST(substr(detail, 9, instr(detail, ':') - 9) AS INTEGER)
 WHERE detail LIKE 'project %:%'
   AND action IN ('submission_saved', 'pitch_submitted', 'pitch_edited',
                  'pitch_withdrawn', 'pitch_hidden', 'pitch_shown');
CREATE INDEX audit_log_project ON audit_log(project_id, id);
