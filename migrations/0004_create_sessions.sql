-- The session index: the strongly consistent record of which sessions exist.
-- The session itself lives in KV under the same token hash.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  user_agent TEXT,
  ip TEXT
) STRICT;

CREATE INDEX sessions_user ON sessions(user_id, created_at);
