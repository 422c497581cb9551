-- Consecutive failures per account key (`login:<email>`, `forgot:<email>`),
-- keyed by the normalised address whether or not an account exists, so a
-- throttled unknown address looks exactly like a throttled known one.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  lock_count INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) STRICT;
