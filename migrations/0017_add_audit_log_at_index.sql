-- The hourly upkeep deletes audit entries past their retention, the oldest first: with
-- this index it reads only those, not the whole log (the one table that grows with use).
CREATE INDEX audit_log_at ON audit_log(at);
