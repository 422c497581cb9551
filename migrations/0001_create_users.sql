-- Users. `email` is stored normalised (trimmed, NFKC, lower-cased), so the
-- UNIQUE constraint is what makes "one account per address" true under races.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT,
  password_hash TEXT NOT NULL,
  email_verified_at INTEGER,
  password_changed_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
