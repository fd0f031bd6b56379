-- The audit log read by who or what an entry is about (a person's last sign-in, and the log's
-- filters on a person): without it such a question reads every entry ever written.
CREATE INDEX audit_log_subject ON audit_log (subject_type, subject_id, action, at);
