-- Browsers that have signed in to an account (the `__Host-device` cookie; only
-- its SHA-256 is stored). Failed logins from such a browser count against its
-- own budget (`login_throttle` key `device:<token_hash>`), so failures from
-- elsewhere that lock the account never lock out its owner's browser.
CREATE TABLE trusted_devices (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX trusted_devices_user ON trusted_devices(user_id, last_used_at);
