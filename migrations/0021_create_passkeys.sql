-- Passkeys (WebAuthn credentials) and the challenges of the ceremonies in flight.
-- A credential's public key is not a secret: it is kept as the authenticator gave it
-- (COSE, base64url). `counter` is the last signature counter seen; an assertion with a
-- counter that does not move forward is refused (a cloned authenticator).
CREATE TABLE passkeys (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  public_key TEXT NOT NULL,
  counter INTEGER NOT NULL DEFAULT 0,
  -- JSON array of transports ("internal", "hybrid", "usb", ...), hints for the browser.
  transports TEXT NOT NULL DEFAULT '[]',
  name TEXT NOT NULL,
  backed_up INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
) STRICT;

CREATE INDEX passkeys_user ON passkeys(user_id);

-- One ceremony's challenge: only its SHA-256, bound to the browser that asked by the SHA-256
-- of a random cookie value; single use (deleted when taken) and short-lived.
CREATE TABLE passkey_challenges (
  challenge_hash TEXT PRIMARY KEY,
  browser_hash TEXT NOT NULL,
  -- 'register' (adds a passkey to user_id) or 'assert' (proves a passkey: of user_id, or of
  -- anyone when NULL, the usernameless sign-in).
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'assert')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE INDEX passkey_challenges_expiry ON passkey_challenges(expires_at);
