-- Second factors (TOTP, RFC 6238) and the state of a sign-in between its two steps.

-- One authenticator app per user. The secret is encrypted (AES-256-GCM, the user id as
-- associated data) with the key `key_id` names, so the key can rotate; D1 never holds it in
-- clear. `confirmed_at` is null while enrolment waits for its first valid code.
-- `last_step` is the time step of the last accepted code: a code is never accepted twice.
CREATE TABLE mfa_totp (
  user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret_ciphertext TEXT NOT NULL,
  secret_iv TEXT NOT NULL,
  key_id TEXT NOT NULL,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
) STRICT;

-- Recovery codes: only their SHA-256, salted with the user id (each has 60 random bits); each works once.
CREATE TABLE mfa_recovery_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
) STRICT;

-- A sign-in whose first credential is proven and whose second factor is awaited: the
-- `__Host-mfa` cookie's token (only its SHA-256 here), the credential epoch read before the
-- first credential was checked (a change that lands meanwhile still wins), the browser's
-- trusted device, how the sign-in began (`password` or a provider id), where it returns to,
-- and the wrong codes tried so far.
CREATE TABLE mfa_pending_logins (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  epoch INTEGER NOT NULL,
  device TEXT,
  via TEXT NOT NULL,
  return_to TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE INDEX mfa_pending_logins_expires ON mfa_pending_logins(expires_at);
CREATE INDEX mfa_pending_logins_user ON mfa_pending_logins(user_id);

-- When the session's user last proved a credential (sign-in or re-authentication): sensitive
-- actions need it recent. Sessions from before this column count as long ago.
ALTER TABLE sessions ADD COLUMN authenticated_at INTEGER NOT NULL DEFAULT 0;
