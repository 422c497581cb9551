-- Changes of a user's email address waiting for the link sent to the new address.
-- Only the SHA-256 of the token is stored; the new address is confirmed by opening the link.
CREATE TABLE email_changes (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  new_email TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX email_changes_user ON email_changes(user_id);
