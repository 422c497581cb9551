-- Who did what to whom, when and from where. Never a password, token or link.
-- actor_id and target are plain text, not foreign keys: entries outlive deleted users.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor_id TEXT,
  action TEXT NOT NULL,
  target TEXT,
  ip TEXT,
  user_agent TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_target ON audit_log(target, id);
CREATE INDEX audit_log_action ON audit_log(action, id);
